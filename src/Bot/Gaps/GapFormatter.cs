using System.Text;
using Bot.Answers;
using Bot.Discord.Models;
using Bot.Localization;

namespace Bot.Gaps;

/// <summary>
/// <c>/gaps</c> as moderators read it: the questions the transcripts could not answer, grouped, and the answers members
/// gave a 👎, each linked to its message; one embed within Discord's limits (description 4,096, all text 6,000).
/// </summary>
internal static class GapFormatter
{
    private const int GapColor = 0xED4245;

    /// <summary>Each list gets half of the description, so that a long first list never hides the second.</summary>
    private const int ListLength = AnswerFormatter.DescriptionLimit / 2 - 100;

    public static ReplyMessage Gaps(ServerGaps gaps, int days, int keptDays)
    {
        var text = new StringBuilder(string.Format(Strings.GapsSummary, days, gaps.Asked, gaps.Unanswered)).Append("\n\n");

        text.Append(Strings.GapsUnanswered).Append('\n');
        var questions = new StringBuilder();
        DiscordText.AppendList(questions, gaps.UnansweredGroups.Select(g => $"• {DiscordText.Truncated(g.Example, 80)} · **{string.Format(Strings.GapsTimes, g.Count)}**\n").ToList(), ListLength);
        text.Append(questions.Length > 0 ? questions : Strings.GapsNone + "\n");

        text.Append('\n').Append(Strings.GapsDownvoted).Append('\n');
        var answers = new StringBuilder();
        DiscordText.AppendList(answers, gaps.Downvoted.Select(t =>
            $"• 👎 {t.Down} · 👍 {t.Up} · {DiscordText.Truncated(t.Answer.Question, 80)}"
            + (t.Answer.MessageId is { } message ? $" · [{Strings.ViewAnswer}]({AnswerFormatter.MessageLink(t.Answer.GuildId, t.Answer.ChannelId, message)})" : "")
            + "\n").ToList(), ListLength);
        text.Append(answers.Length > 0 ? answers : Strings.GapsNone + "\n");

        var embed = new Embed
        {
            Title = AnswerFormatter.Title(string.Format(Strings.GapsTitle, days)),
            Description = text.ToString(),
            Color = GapColor,
            Footer = new EmbedFooter { Text = string.Format(Strings.GapsFooter, keptDays) },
        };
        return new ReplyMessage(null, [embed], []);
    }
}
