using Bot.Search.Analysis;
using Bot.Search.Index;

namespace Bot.Search.Ranking;

/// <summary>
/// A question resolved against one snapshot: its distinct terms with ids, weights and IDF, and its
/// segments as sequences of those terms (for coverage and phrase matching).
/// </summary>
internal sealed class QueryPlan
{
    private QueryPlan(AnalyzedQuery query, List<PlannedTerm> terms, List<PlannedSegment> segments)
    {
        Query = query;
        Terms = terms;
        Segments = segments;
        TotalWeight = segments.Sum(s => s.Weight);
        SegmentsOfTerm = new int[terms.Count][];
        for (var t = 0; t < terms.Count; t++)
            SegmentsOfTerm[t] = Enumerable.Range(0, segments.Count).Where(s => segments[s].Terms.Contains(t)).ToArray();
    }

    /// <summary>For each term, the segments it belongs to (a bigram can recur in two).</summary>
    public int[][] SegmentsOfTerm { get; }

    public AnalyzedQuery Query { get; }

    /// <summary>Distinct terms; a term's index here is how candidates refer to it.</summary>
    public List<PlannedTerm> Terms { get; }

    public List<PlannedSegment> Segments { get; }

    public double TotalWeight { get; }

    public static QueryPlan Create(AnalyzedQuery query, IndexSnapshot snapshot)
    {
        var terms = new List<PlannedTerm>();
        var byText = new Dictionary<string, int>(StringComparer.Ordinal);
        var segments = new List<PlannedSegment>();
        var n = snapshot.Passages.Length;
        foreach (var segment in query.Segments)
        {
            var indexes = new int[segment.Terms.Count];
            for (var i = 0; i < segment.Terms.Count; i++)
            {
                var term = segment.Terms[i];
                if (!byText.TryGetValue(term.Term, out var index))
                {
                    var id = snapshot.Terms.TryGetId(term.Term, out var found) ? found : -1;
                    var df = id < 0 ? 0 : snapshot.Postings.DocumentFrequency(id);
                    index = terms.Count;
                    byText[term.Term] = index;
                    terms.Add(new PlannedTerm(term.Term, id, term.Kind, term.Weight, Idf(n, df), term.IsBackoff));
                }
                else if (term.Weight > terms[index].Weight)
                {
                    terms[index] = terms[index] with { Weight = term.Weight, IsBackoff = term.IsBackoff };
                }
                indexes[i] = index;
            }
            var concepts = segment.Concepts
                .Select(c => (c.Word, Terms: c.Terms.Select(t => byText.TryGetValue(t, out var i) ? i : -1).Where(i => i >= 0).ToArray()))
                .Where(c => c.Terms.Length > 0)
                .Select(c => new PlannedConcept(c.Terms, c.Terms.Average(i => terms[i].Idf), Keyness(c.Word, c.Terms, terms, snapshot)))
                .ToArray();
            segments.Add(new PlannedSegment(
                segment.Text,
                indexes,
                indexes.Sum(i => terms[i].Weight * terms[i].Idf),
                indexes.Where(i => terms[i].Kind == TokenKind.Bigram).ToArray(),
                concepts));
        }
        return new QueryPlan(query, terms, segments);
    }

    /// <summary>
    /// How characteristic of this corpus a word is: its share of passages here against its frequency in Chinese
    /// at large. 模型 in a corpus about AI is key; 今天 or 喜欢 are common everywhere and key nowhere.
    /// </summary>
    private static double Keyness(string word, int[] concept, List<PlannedTerm> terms, IndexSnapshot snapshot)
    {
        var df = concept.Min(t => terms[t].Id < 0 ? 0 : snapshot.Postings.DocumentFrequency(terms[t].Id));
        return Math.Log((df + 0.5) / Math.Max(1, snapshot.Passages.Length)) - Lexicon.Instance.LogProbability(word);
    }

    /// <summary>BM25's IDF, as Lucene computes it: never negative, highest for terms the corpus lacks.</summary>
    public static double Idf(int passages, int documentFrequency) =>
        Math.Log(1 + (passages - documentFrequency + 0.5) / (documentFrequency + 0.5));
}

/// <param name="Id">The term's id in the snapshot, or -1 when no passage contains it.</param>
internal sealed record PlannedTerm(string Text, int Id, TokenKind Kind, float Weight, double Idf, bool IsBackoff);

/// <param name="Terms">Indexes into <see cref="QueryPlan.Terms"/>, in question order.</param>
/// <param name="Weight">The segment's share of the question: the weighted IDF of its terms.</param>
/// <param name="BigramTerms">Its bigrams in order, for phrase matching.</param>
/// <param name="Concepts">Its words, for the relevance threshold.</param>
internal sealed record PlannedSegment(string Text, int[] Terms, double Weight, int[] BigramTerms, PlannedConcept[] Concepts);

/// <param name="Terms">Indexes into <see cref="QueryPlan.Terms"/> that make up the word.</param>
/// <param name="Weight">The word's mean IDF (a word no passage has weighs the most).</param>
/// <param name="Keyness">How characteristic of the corpus the word is, see <see cref="QueryPlan"/>.</param>
internal sealed record PlannedConcept(int[] Terms, double Weight, double Keyness);
