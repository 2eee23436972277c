using Bot.Search.Index;
using Lucene.Net.Index;
using Lucene.Net.Search;

namespace Bot.Search.Ranking;

/// <summary>Where one of a question's terms stands in a passage: its position among the passage's tokens, and its characters.</summary>
internal readonly record struct Occurrence(int Position, int Start, int End);

/// <summary>
/// Reads where the question's terms occur in each candidate from the bigram field's postings (positions and offsets):
/// in every segment, each term is found from the state the plan looked up and advanced through the candidates in
/// document order.
/// </summary>
internal static class Occurrences
{
    /// <returns>For each candidate (by document number), for each of the plan's terms, its occurrences in text order.</returns>
    public static Dictionary<int, List<Occurrence>[]> Read(CorpusSearcher searcher, QueryPlan plan, IReadOnlyList<int> candidates)
    {
        var result = new Dictionary<int, List<Occurrence>[]>(candidates.Count);
        foreach (var doc in candidates)
        {
            var lists = new List<Occurrence>[plan.Terms.Count];
            for (var t = 0; t < lists.Length; t++)
                lists[t] = [];
            result[doc] = lists;
        }

        var leaves = searcher.IndexReader.Leaves;
        foreach (var group in candidates.Order().GroupBy(doc => ReaderUtil.SubIndex(doc, leaves)))
        {
            var leaf = leaves[group.Key];
            var terms = leaf.AtomicReader.GetTerms(PassageFields.Bigrams)?.GetEnumerator();
            if (terms is null)
                continue;
            var docs = group.ToArray();
            DocsAndPositionsEnum? postings = null;
            for (var t = 0; t < plan.Terms.Count; t++)
            {
                var term = plan.Terms[t];
                if (term.Context.Get(leaf.Ord) is not { } state)
                    continue;
                terms.SeekExact(term.Lucene.Bytes, state);
                postings = terms.DocsAndPositions(leaf.AtomicReader.LiveDocs, postings, DocsAndPositionsFlags.OFFSETS);
                if (postings is null)
                    continue;
                foreach (var doc in docs)
                {
                    var local = doc - leaf.DocBase;
                    var at = postings.DocID < local ? postings.Advance(local) : postings.DocID;
                    if (at == DocIdSetIterator.NO_MORE_DOCS)
                        break;
                    if (at != local)
                        continue;
                    var list = result[doc][t];
                    for (var i = postings.Freq; i > 0; i--)
                    {
                        var position = postings.NextPosition();
                        list.Add(new Occurrence(position, postings.StartOffset, postings.EndOffset));
                    }
                }
            }
        }
        return result;
    }
}
