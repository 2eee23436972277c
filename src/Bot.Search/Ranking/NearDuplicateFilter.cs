using Bot.Search.Index;

namespace Bot.Search.Ranking;

/// <summary>
/// Keeps one passage of each group that says the same thing (overlapping windows, a copy, another
/// translation): the one from the cleaner transcript, at the best rank the group reached.
/// </summary>
internal sealed class NearDuplicateFilter(RankingParameters parameters)
{
    /// <summary>
    /// The first <paramref name="wanted"/> distinct passages, best first. Later candidates are still compared
    /// with them, so a cleaner copy ranked lower replaces a worse one shown.
    /// </summary>
    public List<RankedPassage> Filter(List<RankedPassage> ranked, ContentSimilarity similarity, int wanted)
    {
        var kept = new List<RankedPassage>(Math.Min(ranked.Count, wanted));
        foreach (var candidate in ranked)
        {
            var duplicateOf = kept.FindIndex(k => SaySameThing(k.Passage, candidate.Passage, similarity));
            if (duplicateOf < 0)
            {
                if (kept.Count < wanted)
                    kept.Add(candidate);
            }
            else if (candidate.Passage.Document.Quality > kept[duplicateOf].Passage.Document.Quality)
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
    private bool SaySameThing(IndexedPassage a, IndexedPassage b, ContentSimilarity similarity)
    {
        if (ReferenceEquals(a.Document, b.Document))
            return a.Overlaps(b);
        var containment = similarity.Containment(a, b);
        return containment >= parameters.NearDuplicate
            || containment >= parameters.ParallelDuplicate && similarity.AreParallel(a.Document, b.Document);
    }
}

/// <summary>A candidate with its reranked score.</summary>
internal sealed record RankedPassage(IndexedPassage Passage, double Score, double Bm25, PassageFeatures Features);
