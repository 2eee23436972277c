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
        PreferCleanerTranslations(kept, ranked, similarity);
        return kept;
    }

    /// <summary>
    /// A passage shown from the worse of two translations is swapped for its counterpart in the cleaner one,
    /// even when that counterpart did not rank among the candidates itself; if the counterpart is shown
    /// already, the worse passage goes.
    /// </summary>
    private void PreferCleanerTranslations(List<RankedPassage> kept, List<RankedPassage> ranked, ContentSimilarity similarity)
    {
        var documents = ranked.Select(r => r.Passage.Document).Distinct().ToList();
        for (var i = kept.Count - 1; i >= 0; i--)
        {
            var shown = kept[i].Passage;
            var cleaner = documents
                .Where(d => d.Quality > shown.Document.Quality && similarity.AreParallel(d, shown.Document))
                .Select(d => similarity.BestMatch(shown, d))
                .Where(m => m.Passage is not null && m.Containment >= parameters.ParallelDuplicate)
                .OrderByDescending(m => m.Containment)
                .FirstOrDefault();
            if (cleaner.Passage is null)
                continue;
            if (kept.Any(k => ReferenceEquals(k.Passage, cleaner.Passage)))
                kept.RemoveAt(i);
            else
                kept[i] = kept[i] with { Passage = cleaner.Passage };
        }
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
