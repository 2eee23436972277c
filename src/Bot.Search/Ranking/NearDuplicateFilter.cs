using Bot.Search.Index;

namespace Bot.Search.Ranking;

/// <summary>
/// Keeps one passage of each group that says the same thing (overlapping windows, a copy, another translation): the
/// one from the cleaner transcript, at the best rank the group reached.
/// </summary>
internal sealed class NearDuplicateFilter(RankingParameters parameters)
{
    /// <summary>
    /// The first <paramref name="wanted"/> distinct passages, best first. Later candidates are still compared with
    /// them, so a cleaner copy ranked lower replaces a worse one shown.
    /// </summary>
    public List<RankedPassage> Filter(List<RankedPassage> ranked, CorpusSearcher searcher, int wanted)
    {
        var kept = new List<RankedPassage>(Math.Min(ranked.Count, wanted));
        foreach (var candidate in ranked)
        {
            var duplicateOf = kept.FindIndex(k => SaySameThing(k.Doc, candidate.Doc, searcher));
            if (duplicateOf < 0)
            {
                if (kept.Count < wanted)
                    kept.Add(candidate);
            }
            else if (searcher.Files[searcher.FileOf(candidate.Doc)].Quality > searcher.Files[searcher.FileOf(kept[duplicateOf].Doc)].Quality)
            {
                kept[duplicateOf] = candidate with { Score = kept[duplicateOf].Score };
            }
        }
        return kept;
    }

    /// <summary>
    /// Within one transcript, only overlapping windows (identical passages never both compete); across two,
    /// near-identical content, or matching content when one transcript is a translation of the other.
    /// </summary>
    private bool SaySameThing(int a, int b, CorpusSearcher searcher)
    {
        var (fileA, fileB) = (searcher.FileOf(a), searcher.FileOf(b));
        if (fileA == fileB)
            return searcher.Overlap(a, b);
        var containment = searcher.Contents.Containment(a, b);
        return containment >= parameters.NearDuplicate
            || containment >= parameters.ParallelDuplicate && searcher.Contents.AreParallel(fileA, fileB);
    }
}

/// <summary>A candidate with its reranked score.</summary>
internal sealed record RankedPassage(int Doc, double Score, double Lucene, PassageFeatures Features);
