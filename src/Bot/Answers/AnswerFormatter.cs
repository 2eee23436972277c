using System.Text;
using Bot.Discord.Models;
using Bot.Localization;
using Bot.Search;
using Bot.Search.Corpus;
using Bot.Search.Quoting;
using Bot.Search.Ranking;
using Bot.Storage;
using Bot.Votes;

namespace Bot.Answers;

/// <summary>
/// Shapes search results into Discord replies, in the asker's language (<see cref="Strings"/>): each passage quoted
/// around the sentences that answer, the question's content words in bold, the best first and up to two more that add
/// an answer, each with its source line (the link opens a video at the passage's moment), in at most 1,600 characters;
/// with buttons for more results, the whole passages, pinning and votes (the five a row holds).
/// </summary>
internal static class AnswerFormatter
{
    public const int PageSize = 3;

    /// <summary>What a user sees when answering failed for a reason they cannot fix (the search or the database).</summary>
    public static string Failed => Strings.Failed;

    /// <summary>What a user over the cooldown is told (once, for a channel question; every time, for a command).</summary>
    public static string TooFast(int waitSeconds) => string.Format(Strings.TooFast, waitSeconds);

    public const int DescriptionLimit = 4096;

    /// <summary>An answer's description at most: three quotes of ~360 characters and their sources, read at a glance.</summary>
    public const int AnswerLimit = 1600;

    private const int MessageLimit = 6000;
    private const int TitleLimit = 256;
    private const int MinQuoteRoom = 120;
    private const int MaxLinkLength = 300;
    private const int AnswerColor = 0x5865F2;
    private const int PinnedColor = 0xF0B232;

    /// <param name="answerId">The stored answer its buttons act on; null shows it without buttons (it could not be stored).</param>
    public static ReplyMessage Answer(string question, SearchResponse response, int offset, long? answerId, PinnedAnswer? pinned, bool pinButton)
    {
        var description = new StringBuilder();
        if (pinned is not null)
            AppendPinned(description, pinned);
        var shown = 0;
        foreach (var (hit, quote) in QuotedHit.Shown(response.Hits, offset))
        {
            // What the passage may take: the limit minus what is there, its rank and its source line.
            var separator = description.Length > 0 ? "\n\n" : "";
            var rank = $"**{hit.Rank}.** ";
            var source = SourceLine(hit.Passage.Title, hit.Passage.Source, hit.Passage.Locator, hit.Passage.Link, hit.Passage.Start);
            var room = AnswerLimit - description.Length - separator.Length - rank.Length - 1 - source.Length;
            var text = DiscordText.Highlighted(quote.Text, quote.Bold, int.MaxValue);
            if (text.Length > room && room >= MinQuoteRoom) // a shorter quote of the same passage, the bold markers on top of its characters
            {
                var shorter = PassageQuoter.Quote(hit.Passage.Text, hit.Highlights, room * 2 / 3);
                text = DiscordText.Highlighted(shorter.Text, shorter.Bold, int.MaxValue);
            }
            if (text.Length > room)
                break;
            description.Append(separator).Append(rank).Append(text).Append('\n').Append(source);
            shown++;
        }

        var footer = shown == 0 ? Strings.NoMoreResults : string.Format(Strings.ResultRange, offset + 1, offset + shown) + (!response.HasMore ? " · " + Strings.NoMoreResults : answerId is null ? "" : " · " + Strings.MoreResultsHint);
        if (description.Length == 0)
            description.Append(Strings.NoMorePassages);
        var embed = new Embed
        {
            Title = Title(Strings.QuestionPrefix + question),
            Description = description.ToString(),
            Color = pinned is null ? AnswerColor : PinnedColor,
            Footer = new EmbedFooter { Text = footer },
        };
        if (answerId is not { } id)
            return new ReplyMessage(null, [embed], []);
        var buttons = new List<MessageComponent>
        {
            MessageComponent.Button(ButtonStyle.Secondary, Strings.MoreResults, CustomIds.More(id, offset + PageSize), disabled: !response.HasMore),
            MessageComponent.Button(ButtonStyle.Secondary, QuoteLabels.Full, CustomIds.Full(id, offset), PartialEmoji.Unicode("📄"), disabled: shown == 0),
        };
        if (pinButton)
            buttons.Add(MessageComponent.Button(ButtonStyle.Secondary, Strings.Pin, CustomIds.Pin(id), PartialEmoji.Unicode("📌")));
        buttons.Add(MessageComponent.Button(ButtonStyle.Secondary, VoteLabels.Up, CustomIds.Vote(id, Vote.Up), PartialEmoji.Unicode("👍")));
        buttons.Add(MessageComponent.Button(ButtonStyle.Secondary, VoteLabels.Down, CustomIds.Vote(id, Vote.Down), PartialEmoji.Unicode("👎")));
        return new ReplyMessage(null, [embed], [MessageComponent.ActionRow([.. buttons])]);
    }

    /// <summary>
    /// The 全文 button: the passages of an answer's page whole, one embed each, with the question's words in bold;
    /// within Discord's limits (4,096 characters an embed, 6,000 in all), a passage longer than its share cut with ….
    /// </summary>
    public static ReplyMessage Full(string question, SearchResponse response, int offset)
    {
        var hits = QuotedHit.Shown(response.Hits, offset, int.MaxValue);
        var embeds = new List<Embed>();
        var left = MessageLimit - question.Length;
        foreach (var (hit, whole) in hits)
        {
            var passage = hit.Passage;
            var title = Title($"{hit.Rank}. 《{passage.Title}》");
            var source = SourceLine(passage.Title, passage.Source, passage.Locator, passage.Link, passage.Start);
            var room = Math.Min(DescriptionLimit, left / (hits.Count - embeds.Count)) - title.Length - source.Length - 1;
            if (room < MinQuoteRoom)
                break;
            var text = DiscordText.Highlighted(whole.Text, whole.Bold, room);
            if (text.Length > room)
                text = DiscordText.Highlighted(whole.Text, whole.Bold, room - (text.Length - room));
            var embed = new Embed { Title = title, Description = text + "\n" + source, Color = AnswerColor };
            embeds.Add(embed);
            left -= title.Length + embed.Description.Length;
        }
        return embeds.Count == 0
            ? ReplyMessage.Text(QuoteLabels.NothingWhole)
            : new ReplyMessage(DiscordText.Truncated(QuoteLabels.WholeOf(question), 1900), embeds, []);
    }

    public static ReplyMessage NoAnswer(string question, IReadOnlyList<DocumentInfo> documents, bool nothingToSearch)
    {
        var text = new StringBuilder(nothingToSearch
            ? Strings.NothingToSearch
            : Strings.NoPassageFound);
        AppendDocumentList(text, documents, 10);
        return new ReplyMessage(null, [new Embed { Title = Title(Strings.QuestionPrefix + question), Description = text.ToString(), Color = AnswerColor }], []);
    }

    /// <summary><c>/search</c>: a compact list of hits with their locators.</summary>
    public static ReplyMessage HitList(string query, SearchResponse response)
    {
        var text = new StringBuilder();
        foreach (var hit in response.Hits)
        {
            var line = $"**{hit.Rank}.** {DiscordText.Truncated(hit.Passage.Title, 40)} · {DiscordText.Escape(hit.Passage.Locator)}\n"
                + $"　{DiscordText.Highlighted(hit.Passage.Text.ReplaceLineEndings(" "), [], 120)}\n";
            if (text.Length + line.Length > DescriptionLimit - 20)
                break;
            text.Append(line);
        }
        if (response.Hits.Count == 0)
            text.Append(Strings.NoMatchingPassages);
        return new ReplyMessage(null, [new Embed { Title = Title(Strings.SearchPrefix + query), Description = text.ToString(), Color = AnswerColor }], []);
    }

    /// <summary><c>/sources</c>: every transcript, with its passages and original address.</summary>
    public static ReplyMessage Sources(IReadOnlyList<DocumentInfo> documents)
    {
        var text = new StringBuilder();
        DiscordText.AppendList(text, documents.Select(document =>
            string.Format(Strings.TranscriptEntry, DiscordText.Truncated(document.Title, 60), DiscordText.Code(document.Source, 60), document.Passages)
            + (document.Url is null ? "" : $" [{Strings.Original}]({document.Url})") + "\n").ToList(), DescriptionLimit);
        if (documents.Count == 0)
            text.Append(Strings.NoTranscriptsYet);
        return new ReplyMessage(null, [new Embed { Title = string.Format(Strings.TranscriptsTitle, documents.Count), Description = text.ToString(), Color = AnswerColor }], []);
    }

    /// <summary><c>/pins</c>: this server's pinned answers.</summary>
    public static ReplyMessage Pins(IReadOnlyList<StoredPin> pins)
    {
        var text = new StringBuilder();
        DiscordText.AppendList(text, pins.Select(pin =>
            string.Format(Strings.PinEntry, DiscordText.Truncated(pin.Question, 80), MessageLink(pin.GuildId, pin.ChannelId, pin.MessageId),
                DiscordText.Truncated(pin.PinnedByName, 32), pin.PinnedAt) + "\n").ToList(), DescriptionLimit);
        if (pins.Count == 0)
            text.Append(Strings.NoPinsYet);
        return new ReplyMessage(null, [new Embed { Title = string.Format(Strings.PinsTitle, pins.Count), Description = text.ToString(), Color = PinnedColor }], []);
    }

    public static ReplyMessage Help(string prefix) => new(null,
    [
        new Embed
        {
            Title = Strings.HelpTitle,
            Color = AnswerColor,
            Description = string.Format(Strings.HelpText, DiscordText.Code(prefix + " " + Strings.QuestionWord)),
        },
    ], []);

    public static string MessageLink(ulong? guildId, ulong channelId, ulong messageId) =>
        $"https://discord.com/channels/{(guildId is { } g ? g.ToString() : "@me")}/{channelId}/{messageId}";

    private static void AppendPinned(StringBuilder description, PinnedAnswer pinned)
    {
        description.Append(string.Format(Strings.PinnedByModerator, MessageLink(pinned.Pin.GuildId, pinned.Pin.ChannelId, pinned.Pin.MessageId))).Append('\n');
        var passage = pinned.Pin.Passages.FirstOrDefault();
        if (passage is null)
            return;
        var quote = PassageQuoter.Quote(passage.Text, []);
        var start = MomentLinks.StartOf(passage.Locator);
        description.Append(DiscordText.Highlighted(quote.Text, [], int.MaxValue)).Append('\n')
            .Append(SourceLine(passage.Title, passage.Source, passage.Locator, MomentLinks.At(passage.Url, start), start));
    }

    /// <summary>
    /// The original URL is linked (opening a video at the passage's moment) unless it is absurdly long: it would crowd
    /// the passages out of the embed.
    /// </summary>
    private static string SourceLine(string title, string source, string locator, string? link, TimeSpan? start) =>
        $"{Strings.SourcePrefix}{DiscordText.Truncated(title, 40)}{Strings.SourceTitleEnd} · {DiscordText.Escape(locator)} · {DiscordText.Code(source, 60)}"
        + (link is null || link.Length > MaxLinkLength || link.Contains(')') ? "" : $" · [{QuoteLabels.Original(start)}]({link})");

    private static void AppendDocumentList(StringBuilder text, IReadOnlyList<DocumentInfo> documents, int max)
    {
        if (documents.Count == 0)
            return;
        text.Append("\n\n").Append(Strings.ExistingTranscripts);
        foreach (var document in documents.Take(max))
            text.Append("\n• ").Append(DiscordText.Truncated(document.Title, 60));
        if (documents.Count > max)
            text.Append('\n').Append(string.Format(Strings.AllTranscriptsHint, documents.Count));
    }

    /// <summary>An embed title: one line, cut to fit.</summary>
    public static string Title(string text) => DiscordText.Truncated(text.ReplaceLineEndings(" "), TitleLimit - 8);
}

/// <summary>A moderator's pinned answer that matches the question.</summary>
internal sealed record PinnedAnswer(StoredPin Pin);
