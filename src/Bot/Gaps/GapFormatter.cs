using System.Text;
using Bot.Answers;
using Bot.Discord.Models;

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
        var text = new StringBuilder($"最近 {days} 天共有 {gaps.Asked} 个问题，其中 {gaps.Unanswered} 个没有找到相关段落。\n\n");

        text.Append("**转录稿答不上来的问题**（意思相近的合在一起，按次数排列）\n");
        var questions = new StringBuilder();
        DiscordText.AppendList(questions, gaps.UnansweredGroups.Select(g => $"• {DiscordText.Truncated(g.Example, 80)} · **{g.Count} 次**\n").ToList(), ListLength);
        text.Append(questions.Length > 0 ? questions : "没有。\n");

        text.Append("\n**被点 👎 的回答**（按 👎 数排列）\n");
        var answers = new StringBuilder();
        DiscordText.AppendList(answers, gaps.Downvoted.Select(t =>
            $"• 👎 {t.Down} · 👍 {t.Up} · {DiscordText.Truncated(t.Answer.Question, 80)}"
            + (t.Answer.MessageId is { } message ? $" · [查看回答]({AnswerFormatter.MessageLink(t.Answer.GuildId, t.Answer.ChannelId, message)})" : "")
            + "\n").ToList(), ListLength);
        text.Append(answers.Length > 0 ? answers : "没有。\n");

        var embed = new Embed
        {
            Title = AnswerFormatter.Title($"本服务器最近 {days} 天的问答缺口"),
            Description = text.ToString(),
            Color = GapColor,
            Footer = new EmbedFooter { Text = $"提问记录保留 {keptDays} 天，不记录是谁问的；投票只记下投票人，以保证每人一票。" },
        };
        return new ReplyMessage(null, [embed], []);
    }
}
