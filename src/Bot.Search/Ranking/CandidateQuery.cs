using Bot.Search.Analysis;
using Bot.Search.Index;
using Lucene.Net.Index;
using Lucene.Net.Search;

namespace Bot.Search.Ranking;

/// <summary>
/// The Lucene query for a question, built from the analyzers' tokens (never parsed, so no query syntax can reach it):
/// its words in the text, its bigrams in the bigram field, both in the transcript's title, all optional, BM25 scored.
/// </summary>
internal static class CandidateQuery
{
    public static Query Build(AnalyzedQuery query, QueryPlan plan, QueryWeights weights)
    {
        var text = new BooleanQuery();
        var title = new BooleanQuery();
        foreach (var word in query.Words)
        {
            text.Add(Term(PassageFields.Text, word, weights.TextWord), Occur.SHOULD);
            title.Add(Term(PassageFields.Title, word, weights.TextWord * weights.Title), Occur.SHOULD);
        }

        var bigrams = new BooleanQuery();
        var titleBigrams = new BooleanQuery();
        foreach (var term in plan.Terms)
        {
            if (term.IsBackoff || term.Weight == 0)
                continue;
            bigrams.Add(new TermQuery(term.Lucene, term.Context) { Boost = term.Weight }, Occur.SHOULD);
            titleBigrams.Add(Term(PassageFields.TitleBigrams, term.Text, term.Weight * weights.Title), Occur.SHOULD);
        }

        // One clause per field, so that a long question never passes BooleanQuery's limit of 1,024 clauses.
        var all = new BooleanQuery();
        foreach (var part in new[] { text, bigrams, title, titleBigrams })
            if (part.Clauses.Count > 0)
                all.Add(part, Occur.SHOULD);
        return all;
    }

    private static TermQuery Term(string field, string text, float boost) => new(new Term(field, text)) { Boost = boost };
}
