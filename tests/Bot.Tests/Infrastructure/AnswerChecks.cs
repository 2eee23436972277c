using System.Text.RegularExpressions;
using Bot.Answers;
using Bot.Search.Quoting;
using Bot.Search.Ranking;

namespace Bot.Tests.Infrastructure;

/// <summary>What every answer must look like to a user, checked against what the index itself finds.</summary>
public static partial class AnswerChecks
{
    public const string SourceMark = "—— 出处：";

    /// <summary>
    /// An answer embed: titled with the question, Chinese, the index's best passages (those that add an answer) each
    /// quoted in at most 360 characters with its source line (title, file, locator), the question's terms in bold,
    /// within 1,600 characters.
    /// </summary>
    internal static void AssertAnswer(BotUnderTest bot, string question, EmbedView embed, string? source = null)
    {
        Assert.StartsWith("问：", embed.Title);
        Assert.True(Json.ChineseCharacters(embed.Description) >= 20, $"the answer is not in Chinese: {embed.Description}");
        AssertWithinLimits(embed);
        Assert.InRange(embed.Description.Length, 1, AnswerFormatter.AnswerLimit);
        Assert.All(Quotes(embed.Description), quote => Assert.InRange(ReaderLength(quote), 1, PassageQuoter.MaxLength));

        var hits = QuotedHit.Shown(bot.Index.Search(question, new SearchOptions { Limit = AnswerFormatter.PageSize, Source = source }).Hits, 0)
            .Select(q => q.Hit).ToList();
        Assert.NotEmpty(hits);
        var sourceLines = SourceLines(embed.Description);
        Assert.Equal(hits.Count, sourceLines.Count);
        for (var i = 0; i < hits.Count; i++)
        {
            var passage = hits[i].Passage;
            Assert.Contains($"**{hits[i].Rank}.** ", embed.Description);
            Assert.Contains("《", sourceLines[i]);
            Assert.Contains($"`{passage.Source}`", sourceLines[i]);
            Assert.Contains(DiscordText.Escape(passage.Locator), sourceLines[i]);
            Assert.Contains(DiscordText.Truncated(passage.Title, 40).TrimEnd('…'), sourceLines[i]);
        }

        var bold = BoldTerms(embed.Description);
        Assert.True(bold.Any(term => question.Contains(term, StringComparison.OrdinalIgnoreCase)),
            $"no term of \"{question}\" in bold; bold: [{string.Join(", ", bold)}]");
    }

    /// <summary>The quoted passages of an answer: what stands between a rank marker and its source line.</summary>
    public static IReadOnlyList<string> Quotes(string description) =>
        QuotePattern().Matches(description).Select(m => m.Groups[1].Value).ToArray();

    /// <summary>A quote's length as a reader counts it: no white space, no bold markers, no escaping backslashes.</summary>
    public static int ReaderLength(string markdown) =>
        PassageQuote.ReaderLength(Unescape().Replace(markdown.Replace("**", ""), "$1"));

    /// <summary>The lines that cite a passage's source.</summary>
    public static IReadOnlyList<string> SourceLines(string description) =>
        description.Split('\n').Where(l => l.StartsWith(SourceMark, StringComparison.Ordinal)).ToArray();

    /// <summary>Bold spans other than the rank markers (<c>**1.**</c>).</summary>
    public static IReadOnlyList<string> BoldTerms(string description) =>
        Bold().Matches(description).Select(m => m.Groups[1].Value).Where(t => !RankMarker().IsMatch(t)).ToArray();

    public static void AssertWithinLimits(EmbedView embed)
    {
        Assert.InRange(embed.Title.Length, 0, 256);
        Assert.InRange(embed.Description.Length, 1, 4096);
        Assert.InRange(embed.Footer.Length, 0, 2048);
        Assert.InRange(embed.TotalLength, 1, 6000);
    }

    [GeneratedRegex(@"(?<!\\)\*\*(.+?)(?<!\\)\*\*")]
    private static partial Regex Bold();

    [GeneratedRegex(@"(?s)\*\*\d+\.\*\* (.*?)\n—— 出处：")]
    private static partial Regex QuotePattern();

    [GeneratedRegex(@"\\(.)")]
    private static partial Regex Unescape();

    [GeneratedRegex(@"^\d+\.$")]
    private static partial Regex RankMarker();
}
