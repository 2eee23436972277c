using Bot.Search.Index;
using Lucene.Net.Index;
using Lucene.Net.Search;

namespace Bot.Search.Ranking;

/// <summary>Where one of a question's terms stands in a passage: its position among the passage's tokens, and its characters.</summary>
internal readonly record struct Occurrence(int Position, int Start, int End);

/// <summary>How often each of a question's terms occurs in one candidate, and where (backoff characters: how often only).</summary>
internal sealed class CandidateTerms(int terms)
{
    public int[] Frequency { get; } = new int[terms];

    /// <summary>In text order; empty for the backoff characters, which only ever add to the score.</summary>
    public List<Occurrence>[] Positions { get; } = Enumerable.Range(0, terms).Select(_ => new List<Occurrence>()).ToArray();
}

/// <summary>
/// Reads where the question's terms occur in each candidate from the bigram field's postings (positions and offsets):
/// in every segment, each term is found from the state the plan looked up and advanced through the candidates in
/// document order. Backoff characters are common, and only counted: decoding their positions would cost the most.
/// </summary>
internal static class Occurrences
{
    public static Dictionary<int, CandidateTerms> Read(CorpusSearcher searcher, QueryPlan plan, IReadOnlyList<int> candidates)
    {
        var result = candidates.ToDictionary(doc => doc, _ => new CandidateTerms(plan.Terms.Count));
        var leaves = searcher.IndexReader.Leaves;
        foreach (var group in candidates.Order().GroupBy(doc => ReaderUtil.SubIndex(doc, leaves)))
        {
            var leaf = leaves[group.Key];
            var terms = leaf.AtomicReader.GetTerms(PassageFields.Bigrams)?.GetEnumerator();
            if (terms is null)
                continue;
            var docs = group.ToArray();
            DocsAndPositionsEnum? positions = null;
            DocsEnum? counts = null;
            for (var t = 0; t < plan.Terms.Count; t++)
            {
                var term = plan.Terms[t];
                if (term.Context.Get(leaf.Ord) is not { } state)
                    continue;
                terms.SeekExact(term.Lucene.Bytes, state);
                DocsEnum postings = term.IsBackoff
                    ? counts = terms.Docs(leaf.AtomicReader.LiveDocs, counts, DocsFlags.FREQS)
                    : positions = terms.DocsAndPositions(leaf.AtomicReader.LiveDocs, positions, DocsAndPositionsFlags.OFFSETS);
                foreach (var doc in docs)
                {
                    var local = doc - leaf.DocBase;
                    var at = postings.DocID < local ? postings.Advance(local) : postings.DocID;
                    if (at == DocIdSetIterator.NO_MORE_DOCS)
                        break;
                    if (at != local)
                        continue;
                    var found = result[doc];
                    found.Frequency[t] = postings.Freq;
                    if (postings is not DocsAndPositionsEnum withPositions)
                        continue;
                    for (var i = withPositions.Freq; i > 0; i--)
                    {
                        var position = withPositions.NextPosition();
                        found.Positions[t].Add(new Occurrence(position, withPositions.StartOffset, withPositions.EndOffset));
                    }
                }
            }
        }
        return result;
    }
}
