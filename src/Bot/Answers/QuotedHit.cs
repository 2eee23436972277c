using Bot.Search.Quoting;
using Bot.Search.Ranking;

namespace Bot.Answers;

/// <summary>A search hit with what is shown of it.</summary>
internal sealed record QuotedHit(SearchHit Hit, PassageQuote Quote)
{
    /// <summary>
    /// The hits of a page that are shown, each quoted around what answers, numbered in order: the first of the answer
    /// always, a later one only when it adds an answer (it holds a content word of the question, not only words common
    /// everywhere, such as 觉得). <paramref name="maxLength"/> int.MaxValue quotes each passage whole (全文, ask --full).
    /// </summary>
    public static IReadOnlyList<QuotedHit> Shown(IReadOnlyList<SearchHit> hits, int offset, int maxLength = PassageQuoter.MaxLength) =>
        hits.Select(hit => new QuotedHit(hit, PassageQuoter.Quote(hit.Passage.Text, hit.Highlights, maxLength)))
            .Where(quoted => quoted.Hit.Rank == 1 || quoted.Quote.AddsAnswer)
            .Select((quoted, i) => quoted with { Hit = quoted.Hit with { Rank = offset + i + 1 } })
            .ToList();
}
