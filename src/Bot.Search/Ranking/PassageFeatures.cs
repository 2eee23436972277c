using Bot.Search.Index;

namespace Bot.Search.Ranking;

/// <summary>
/// What the reranker knows of one candidate, from where the question's terms occur in it: how much of the question
/// it holds as unbroken phrases, how much its own interviewer question covers, how many of the question's words it
/// contains and how characteristic they are, whether its transcript's title names what the question asks about, and
/// the BM25 of the backoff characters.
/// </summary>
/// <param name="Phrase">How much of each segment of the question the passage holds as one run of bigrams, weighted by the segments' IDF.</param>
/// <param name="QuestionCoverage">Share of the question's terms (by IDF) that the interviewer's question above an answer holds.</param>
/// <param name="Found">Share of the question's words (by IDF) that the passage contains: the relevance threshold's measure.</param>
/// <param name="Keyness">The most characteristic of the question's words the passage contains (see <see cref="PlannedConcept"/>).</param>
/// <param name="Title">Share of the question's words (by IDF) that are names the passage's transcript has in its title.</param>
/// <param name="Highlights">Where the question's words and bigrams (not its backoff characters) occur, merged, in text order.</param>
internal sealed record PassageFeatures(double Phrase, double QuestionCoverage, double Found, double Keyness, double BackoffBm25, double Title, IReadOnlyList<TextSpan> Highlights)
{
    /// <param name="found">How often and where the plan's terms occur in the passage (see <see cref="Ranking.Occurrences"/>).</param>
    public static PassageFeatures Measure(CorpusSearcher searcher, int doc, QueryPlan plan, RankingParameters parameters, CandidateTerms found)
    {
        var occurrences = found.Positions;
        var questionLength = searcher.QuestionLength(doc);
        double coveredByQuestion = 0, backoff = 0;
        var lengthNorm = parameters.K1 * (1 - parameters.B + parameters.B * searcher.Length(doc) / searcher.AverageLength);
        for (var t = 0; t < plan.Terms.Count; t++)
        {
            var tf = found.Frequency[t];
            if (tf == 0)
                continue;
            var term = plan.Terms[t];
            if (term.IsBackoff)
                backoff += term.Weight * term.Idf * (parameters.K1 + 1) * tf / (tf + lengthNorm);
            else if (occurrences[t][0].Start < questionLength)
                coveredByQuestion += term.Weight * term.Idf;
        }

        double phraseWeight = 0, phrase = 0;
        foreach (var segment in plan.Segments.Where(s => s.BigramTerms.Length >= 2))
        {
            phraseWeight += segment.Weight;
            phrase += segment.Weight * LongestChain(segment.BigramTerms, occurrences) / segment.BigramTerms.Length;
        }

        // A word counts as found when most of its bigrams are: 今天 alone does not find 今天天气's 天气.
        double conceptsWeight = 0, conceptsFound = 0, inTitle = 0, keyness = double.NegativeInfinity;
        var title = searcher.TitleTerms(searcher.FileOf(doc));
        foreach (var concept in plan.Concepts)
        {
            conceptsWeight += concept.Weight;
            if (concept.IsName && concept.Terms.Count(t => title.Contains(plan.Terms[t].Text)) * 2 >= concept.Terms.Length)
                inTitle += concept.Weight;
            if (concept.Terms.Count(t => found.Frequency[t] > 0) * 2 >= concept.Terms.Length)
            {
                conceptsFound += concept.Weight;
                keyness = Math.Max(keyness, concept.Keyness);
            }
        }

        return new PassageFeatures(
            phraseWeight == 0 ? 0 : phrase / phraseWeight,
            plan.TotalWeight == 0 ? 0 : coveredByQuestion / plan.TotalWeight,
            conceptsWeight == 0 ? 0 : conceptsFound / conceptsWeight,
            keyness,
            backoff,
            conceptsWeight == 0 ? 0 : inTitle / conceptsWeight,
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
}
