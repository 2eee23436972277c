using Bot.Search.Analysis;
using Bot.Search.Index;
using Lucene.Net.Index;
using Lucene.Net.Search;

namespace Bot.Search.Ranking;

/// <summary>
/// The Lucene queries for a question, built from the analyzers' tokens (never parsed, so no query syntax can reach it):
/// its words in the text and its bigrams in the bigram field, all optional, BM25 scored; and the same against the
/// transcripts' titles, which only the file records hold.
/// </summary>
internal static class CandidateQuery
{
    /// <summary>
    /// A question of the longest length allowed has at most this many words and bigrams; Lucene's default limit (1,024)
    /// is below that.
    /// </summary>
    private const int MaxClauses = 4 * QueryAnalyzer.MaxQueryLength;

    static CandidateQuery()
    {
        if (BooleanQuery.MaxClauseCount < MaxClauses)
            BooleanQuery.MaxClauseCount = MaxClauses;
    }

    /// <summary>
    /// The passages' query: the question's words in the text, its bigrams in the bigram field, in one flat query
    /// (measured: a query of two nested ones took a third longer to score).
    /// </summary>
    public static Query Passages(AnalyzedQuery query, QueryPlan plan, QueryWeights weights) =>
        Build(query, plan, PassageFields.Text, weights.TextWord, term => new TermQuery(term.Lucene, term.Context) { Boost = term.Weight });

    /// <summary>The titles' query: the same words and bigrams, weighed down by <see cref="QueryWeights.Title"/>.</summary>
    public static Query Titles(AnalyzedQuery query, QueryPlan plan, QueryWeights weights) =>
        Build(query, plan, PassageFields.Title, weights.TextWord * weights.Title, term => Term(PassageFields.TitleBigrams, term.Text, term.Weight * weights.Title));

    /// <summary>Every word of the question in <paramref name="wordField"/>, and every searched bigram as <paramref name="bigram"/> makes it; all optional.</summary>
    private static BooleanQuery Build(AnalyzedQuery query, QueryPlan plan, string wordField, float wordBoost, Func<PlannedTerm, TermQuery> bigram)
    {
        var built = new BooleanQuery();
        foreach (var word in query.Words)
            built.Add(Term(wordField, word, wordBoost), Occur.SHOULD);
        foreach (var term in plan.Terms.Where(t => !t.IsBackoff && t.Weight > 0))
            built.Add(bigram(term), Occur.SHOULD);
        return built;
    }

    private static TermQuery Term(string field, string text, float boost) => new(new Term(field, text)) { Boost = boost };
}
