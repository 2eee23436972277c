using Bot.Search.Analysis;
using Bot.Search.Index;

namespace Bot.Search.Ranking;

/// <summary>
/// What the reranker knows of one candidate: how much of the question it covers, how much as unbroken
/// phrases, how close together the question's segments stand, how much its own interviewer question
/// covers, how many of the question's words it contains, and the BM25 of the backoff characters.
/// </summary>
/// <param name="Found">Share of the question's words (by IDF) that the passage contains: the relevance threshold's measure.</param>
/// <param name="Keyness">The most characteristic of the question's words the passage contains (see <see cref="QueryPlan"/>).</param>
internal readonly record struct PassageFeatures(double Coverage, double Phrase, double Proximity, double QuestionCoverage, double Found, double Keyness, double BackoffBm25)
{
    public static PassageFeatures Measure(IndexedPassage passage, QueryPlan plan, Scratch work, RankingParameters parameters, float lengthNorm)
    {
        var count = plan.Terms.Count;
        var tf = work.Frequencies(count);
        var inQuestion = work.InQuestion(count);
        var positions = work.Positions(count);
        var segmentPositions = work.SegmentPositions(plan.Segments.Count);
        var tokens = passage.Tokens;
        for (var i = 0; i < tokens.Count; i++)
        {
            var q = work.QueryIndexOf[tokens.TermIds[i]];
            if (q < 0)
                continue;
            tf[q]++;
            inQuestion[q] |= tokens.Starts[i] < passage.QuestionLength;
            var packed = tokens.Starts[i] << 8 | tokens.Lengths[i];
            positions[q].Add(packed);
            foreach (var s in plan.SegmentsOfTerm[q])
                segmentPositions[s].Add(packed);
        }

        double covered = 0, coveredByQuestion = 0, backoff = 0;
        for (var t = 0; t < count; t++)
        {
            if (tf[t] == 0)
                continue;
            var term = plan.Terms[t];
            covered += term.Weight * term.Idf;
            if (inQuestion[t])
                coveredByQuestion += term.Weight * term.Idf;
            if (term.IsBackoff)
                backoff += term.Weight * term.Idf * (parameters.K1 + 1) * tf[t] / (tf[t] + lengthNorm);
        }

        double phraseWeight = 0, phrase = 0, conceptsWeight = 0, conceptsFound = 0, keyness = double.NegativeInfinity;
        foreach (var segment in plan.Segments)
        {
            if (segment.BigramTerms.Length >= 2)
            {
                phraseWeight += segment.Weight;
                phrase += segment.Weight * LongestChain(segment.BigramTerms, positions) / segment.BigramTerms.Length;
            }
            // A word counts as found when most of its bigrams are: 今天 alone does not find 今天天气's 天气.
            foreach (var concept in segment.Concepts)
            {
                conceptsWeight += concept.Weight;
                var found = 0;
                foreach (var t in concept.Terms)
                    if (tf[t] > 0)
                        found++;
                if (found * 2 >= concept.Terms.Length)
                {
                    conceptsFound += concept.Weight;
                    keyness = Math.Max(keyness, concept.Keyness);
                }
            }
        }

        double pairWeight = 0, proximity = 0;
        for (var s = 1; s < plan.Segments.Count; s++)
        {
            var weight = Math.Min(plan.Segments[s - 1].Weight, plan.Segments[s].Weight);
            pairWeight += weight;
            var gap = SmallestGap(segmentPositions[s - 1], segmentPositions[s]);
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
            backoff);
    }

    /// <summary>The most consecutive bigrams of a segment found side by side in the passage.</summary>
    private static int LongestChain(int[] bigrams, List<int>[] positions)
    {
        var best = 0;
        for (var start = 0; start < bigrams.Length && bigrams.Length - start > best; start++)
        {
            foreach (var packed in positions[bigrams[start]])
            {
                var length = 1;
                var at = packed >> 8;
                while (start + length < bigrams.Length && StartsAt(positions[bigrams[start + length]], at + 1))
                {
                    at++;
                    length++;
                }
                best = Math.Max(best, length);
            }
        }
        return best;
    }

    /// <summary>Whether a sorted position list has an occurrence starting at <paramref name="start"/>.</summary>
    private static bool StartsAt(List<int> packed, int start)
    {
        int low = 0, high = packed.Count - 1;
        while (low <= high)
        {
            var middle = (low + high) >>> 1;
            var at = packed[middle] >> 8;
            if (at == start)
                return true;
            if (at < start)
                low = middle + 1;
            else
                high = middle - 1;
        }
        return false;
    }

    /// <summary>Characters between the nearest matches of two segments (positions in text order), or -1 when either is missing.</summary>
    private static int SmallestGap(List<int> left, List<int> right)
    {
        if (left.Count == 0 || right.Count == 0)
            return -1;
        var best = int.MaxValue;
        int i = 0, j = 0;
        while (i < left.Count && j < right.Count)
        {
            int aStart = left[i] >> 8, aEnd = aStart + (left[i] & 0xFF);
            int bStart = right[j] >> 8, bEnd = bStart + (right[j] & 0xFF);
            var gap = bStart >= aEnd ? bStart - aEnd : aStart >= bEnd ? aStart - bEnd : 0;
            best = Math.Min(best, gap);
            if (aStart < bStart) i++; else j++;
        }
        return best;
    }
}
