using Bot.Search.Index;

namespace Bot.Search.Ranking;

/// <summary>
/// What the reranker knows of one candidate, from where the question's terms occur in it: how much of the question it covers, how
/// much as unbroken phrases, how close together the question's segments stand, how much its own interviewer question
/// covers, how many of the question's words it contains, and the BM25 of the backoff characters.
/// </summary>
/// <param name="Found">Share of the question's words (by IDF) that the passage contains: the relevance threshold's measure.</param>
/// <param name="Keyness">The most characteristic of the question's words the passage contains (see <see cref="PlannedConcept"/>).</param>
/// <param name="Highlights">Where the question's words and bigrams (not its backoff characters) occur, merged, in text order.</param>
internal sealed record PassageFeatures(double Coverage, double Phrase, double Proximity, double QuestionCoverage, double Found, double Keyness, double BackoffBm25, IReadOnlyList<TextSpan> Highlights)
{
    /// <param name="occurrences">For each of the plan's terms, where it occurs in the passage (see <see cref="Ranking.Occurrences"/>).</param>
    public static PassageFeatures Measure(CorpusSearcher searcher, int doc, QueryPlan plan, RankingParameters parameters, List<Occurrence>[] occurrences)
    {
        var questionLength = searcher.QuestionLength(doc);
        var count = plan.Terms.Count;

        double covered = 0, coveredByQuestion = 0, backoff = 0;
        var lengthNorm = parameters.K1 * (1 - parameters.B + parameters.B * searcher.Length(doc) / searcher.AverageLength);
        for (var t = 0; t < count; t++)
        {
            var tf = occurrences[t].Count;
            if (tf == 0)
                continue;
            var term = plan.Terms[t];
            if (term.IsBackoff)
            {
                backoff += term.Weight * term.Idf * (parameters.K1 + 1) * tf / (tf + lengthNorm);
                continue;
            }
            covered += term.Weight * term.Idf;
            if (occurrences[t][0].Start < questionLength)
                coveredByQuestion += term.Weight * term.Idf;
        }

        double phraseWeight = 0, phrase = 0;
        var segmentOccurrences = new List<Occurrence>[plan.Segments.Count];
        for (var s = 0; s < plan.Segments.Count; s++)
        {
            var segment = plan.Segments[s];
            if (segment.BigramTerms.Length >= 2)
            {
                phraseWeight += segment.Weight;
                phrase += segment.Weight * LongestChain(segment.BigramTerms, occurrences) / segment.BigramTerms.Length;
            }
            segmentOccurrences[s] = segment.Terms.Where(t => !plan.Terms[t].IsBackoff).Distinct()
                .SelectMany(t => occurrences[t]).OrderBy(o => o.Start).ToList();
        }

        // A word counts as found when most of its bigrams are: 今天 alone does not find 今天天气's 天气.
        double conceptsWeight = 0, conceptsFound = 0, keyness = double.NegativeInfinity;
        foreach (var concept in plan.Concepts)
        {
            conceptsWeight += concept.Weight;
            var found = concept.Terms.Count(t => occurrences[t].Count > 0);
            if (found * 2 >= concept.Terms.Length)
            {
                conceptsFound += concept.Weight;
                keyness = Math.Max(keyness, concept.Keyness);
            }
        }

        double pairWeight = 0, proximity = 0;
        for (var s = 1; s < plan.Segments.Count; s++)
        {
            var weight = Math.Min(plan.Segments[s - 1].Weight, plan.Segments[s].Weight);
            pairWeight += weight;
            var gap = SmallestGap(segmentOccurrences[s - 1], segmentOccurrences[s]);
            if (gap >= 0)
                proximity += weight / (1 + Math.Max(0, gap - 1) / 3.0);
        }

        var total = plan.TotalWeight;
        return new PassageFeatures(
            total == 0 ? 0 : covered / total,
            phraseWeight == 0 ? 0 : phrase / phraseWeight,
            pairWeight == 0 ? 0 : proximity / pairWeight,
            total == 0 ? 0 : coveredByQuestion / total,
            conceptsWeight == 0 ? 0 : conceptsFound / conceptsWeight,
            keyness,
            backoff,
            HighlightsOf(plan, occurrences));
    }

    private static List<TextSpan> HighlightsOf(QueryPlan plan, List<Occurrence>[] occurrences)
    {
        var matched = new List<Occurrence>();
        for (var t = 0; t < occurrences.Length; t++)
            if (!plan.Terms[t].IsBackoff)
                matched.AddRange(occurrences[t]);
        matched.Sort((a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : a.End.CompareTo(b.End));
        var spans = new List<TextSpan>();
        foreach (var o in matched)
        {
            if (spans.Count > 0 && o.Start <= spans[^1].End)
                spans[^1] = new TextSpan(spans[^1].Start, Math.Max(spans[^1].End, o.End) - spans[^1].Start);
            else
                spans.Add(new TextSpan(o.Start, o.End - o.Start));
        }
        return spans;
    }

    /// <summary>The most consecutive bigrams of a segment found side by side in the passage.</summary>
    private static int LongestChain(int[] bigrams, List<Occurrence>[] occurrences)
    {
        var best = 0;
        for (var start = 0; start < bigrams.Length && bigrams.Length - start > best; start++)
        {
            foreach (var occurrence in occurrences[bigrams[start]])
            {
                var length = 1;
                var at = occurrence.Position;
                while (start + length < bigrams.Length && occurrences[bigrams[start + length]].Exists(o => o.Position == at + 1))
                {
                    at++;
                    length++;
                }
                best = Math.Max(best, length);
            }
        }
        return best;
    }

    /// <summary>Characters between the nearest matches of two segments (occurrences in text order), or -1 when either is missing.</summary>
    private static int SmallestGap(List<Occurrence> left, List<Occurrence> right)
    {
        if (left.Count == 0 || right.Count == 0)
            return -1;
        var best = int.MaxValue;
        int i = 0, j = 0;
        while (i < left.Count && j < right.Count)
        {
            var (a, b) = (left[i], right[j]);
            var gap = b.Start >= a.End ? b.Start - a.End : a.Start >= b.End ? a.Start - b.End : 0;
            best = Math.Min(best, gap);
            if (a.Start < b.Start) i++; else j++;
        }
        return best;
    }
}
