using System.Globalization;
using System.Text;
using Bot.Search.Analysis;
using Bot.Search.Index;
using Lucene.Net.Index;
using Lucene.Net.Search;

namespace Bot.Search.Ranking;

/// <summary>
/// Answers a question from one commit: Lucene's BM25 candidates, reranked by whether each holds the question's
/// phrases, whether its interviewer asked it, and whether its title names what is asked about; cut by a relevance threshold, then passages
/// that say the same thing suppressed in favour of the cleaner transcript.
/// </summary>
internal sealed class Ranker(RankingParameters parameters)
{
    private readonly NearDuplicateFilter duplicates = new(parameters);

    public SearchResponse Search(CorpusSearcher? searcher, string question, SearchOptions options)
    {
        var query = QueryAnalyzer.Analyze(question);
        if (query.IsEmpty || searcher is null || searcher.PassageCount == 0)
            return new SearchResponse(question, [], query.Terms);

        var filter = searcher.Representative;
        if (options.Source is { } source)
        {
            var file = searcher.FindFile(source);
            if (file < 0)
                return new SearchResponse(question, [], query.Terms);
            filter = new QueryWrapperFilter(new TermQuery(new Term(PassageFields.Source, searcher.Files[file].Source)));
        }

        var plan = QueryPlan.Create(query, searcher, parameters.Query);
        var candidates = CandidateQuery.Passages(query, plan, parameters.Query);
        var top = searcher.Search(candidates, filter, Math.Max(parameters.Candidates, options.Offset + options.Limit + 1)).ScoreDocs;
        var titles = parameters.Query.Title > 0 ? searcher.TitleScores(CandidateQuery.Titles(query, plan, parameters.Query)) : new float[searcher.Files.Count];
        var occurrences = Occurrences.Read(searcher, plan, top.Select(h => h.Doc).ToList());
        var measured = top
            .Select(hit => (hit, Features: PassageFeatures.Measure(searcher, hit.Doc, plan, parameters, occurrences[hit.Doc])))
            .ToList();
        // Not answerable from this corpus: no candidate holds most of the question, nor a word of it that is
        // characteristic of the corpus (only words common everywhere: 今天, 喜欢, 训练 in a marathon plan).
        if (!measured.Any(m => m.Features.Found >= parameters.AnswerFound || m.Features.Keyness >= parameters.MinKeyness))
            return new SearchResponse(question, [], query.Terms);
        // An answer holds enough of the question, and at least one of its words or bigrams to show (not only single
        // characters of longer words, nor only the transcript's title).
        var ranked = measured
            .Where(m => m.Features.Found >= parameters.MinFound && m.Features.Highlights.Count > 0)
            .Select(m =>
            {
                var lucene = m.hit.Score + titles[searcher.FileOf(m.hit.Doc)];
                return new RankedPassage(m.hit.Doc, Score(lucene, m.Features), lucene, m.Features);
            })
            .ToList();
        ranked.Sort((a, b) => b.Score != a.Score ? b.Score.CompareTo(a.Score) : a.Doc.CompareTo(b.Doc));
        // Far below the best they only share a stray word with the question (GPT-3 passages under a question about GPT-4).
        if (ranked.Count > 0)
            ranked.RemoveAll(r => r.Score < ranked[0].Score * parameters.MinRelativeScore);

        // One more than the page, to know whether another page exists.
        var distinct = duplicates.Filter(ranked, searcher, options.Offset + options.Limit + 1);
        var hits = distinct
            .Skip(options.Offset)
            .Take(options.Limit)
            .Select((r, i) => Hit(searcher, r, options.Offset + i + 1, options.Explain ? Explain(searcher, candidates, r, plan) : null))
            .ToList();
        return new SearchResponse(question, hits, query.Terms) { HasMore = distinct.Count > options.Offset + options.Limit };
    }

    private double Score(double lucene, PassageFeatures f) =>
        (lucene + f.BackoffBm25)
        * (1 + parameters.PhraseBoost * f.Phrase)
        * (1 + parameters.QuestionBoost * f.QuestionCoverage)
        * (1 + parameters.TitleBoost * f.Title);

    private static SearchHit Hit(CorpusSearcher searcher, RankedPassage ranked, int rank, string? explanation)
    {
        var stored = searcher.Passage(ranked.Doc);
        var file = searcher.Files[searcher.FileOf(ranked.Doc)];
        var view = new PassageView(file.Source, file.Title, file.Url, stored.Locator, stored.Section, stored.Text, stored.Ordinal);
        return new SearchHit(rank, Math.Round(ranked.Score, 3), view, ranked.Features.Highlights, explanation);
    }

    /// <summary>The rerank's parts, then Lucene's own explanation of the BM25 score they multiply.</summary>
    private static string Explain(CorpusSearcher searcher, Query candidates, RankedPassage ranked, QueryPlan plan)
    {
        var f = ranked.Features;
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture,
            $"score {ranked.Score:F3} = (lucene {ranked.Lucene:F3} + backoff {f.BackoffBm25:F3}) × phrase {f.Phrase:F2} × question {f.QuestionCoverage:F2} × title {f.Title:F2}; found {f.Found:F2}, keyness {f.Keyness:F1}");
        text.Append("\nterms:");
        foreach (var term in plan.Terms)
            text.Append(CultureInfo.InvariantCulture, $" {term.Text}({term.Kind}, idf {term.Idf:F2}{(term.DocumentFrequency == 0 ? ", not in corpus" : "")})");
        text.Append("\nwords:");
        foreach (var concept in plan.Concepts)
            text.Append(CultureInfo.InvariantCulture, $" {concept.Word}(keyness {concept.Keyness:F1})");
        text.Append('\n').Append(searcher.Explain(candidates, ranked.Doc).ToString().TrimEnd());
        return text.ToString();
    }
}
