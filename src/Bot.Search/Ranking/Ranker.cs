using System.Globalization;
using System.Text;
using Bot.Search.Analysis;
using Bot.Search.Index;

namespace Bot.Search.Ranking;

/// <summary>
/// Answers a question from a snapshot: BM25 candidates from the postings, reranked by how much of the
/// question each covers, whether it holds the question's phrases and keeps its parts together, cut by a
/// relevance threshold, then near-duplicates suppressed in favour of the cleaner transcript.
/// </summary>
internal sealed class Ranker(RankingParameters parameters)
{
    private readonly CandidateCollector candidates = new(parameters);
    private readonly NearDuplicateFilter duplicates = new(parameters);

    public SearchResponse Search(IndexSnapshot snapshot, string question, SearchOptions options)
    {
        var query = QueryAnalyzer.Analyze(question, parameters.Query);
        if (query.IsEmpty || snapshot.Passages.Length == 0)
            return new SearchResponse(question, [], query.Terms);

        var plan = QueryPlan.Create(query, snapshot);
        var work = Scratch.For(snapshot);
        using var marks = work.Mark(plan);
        var lengthNorm = snapshot.LengthNorm(parameters.K1, parameters.B);
        var ranked = new List<RankedPassage>();
        foreach (var (index, bm25) in candidates.Collect(snapshot, plan, options, work))
        {
            var passage = snapshot.Passages[index];
            var features = PassageFeatures.Measure(passage, plan, work, parameters, lengthNorm[index]);
            // Not an answer: none of the question's words, or only words common everywhere (今天, 喜欢).
            if (features.Found < parameters.MinFound || features.Keyness < parameters.MinKeyness)
                continue;
            ranked.Add(new RankedPassage(passage, Score(bm25, features), bm25, features));
        }
        ranked.Sort((a, b) => b.Score != a.Score ? b.Score.CompareTo(a.Score) : a.Passage.Index.CompareTo(b.Passage.Index));

        // One more than the page, to know whether another page exists.
        var distinct = duplicates.Filter(ranked, snapshot.Similarity, options.Offset + options.Limit + 1);
        var hits = distinct
            .Skip(options.Offset)
            .Take(options.Limit)
            .Select((r, i) => Hit(r, options.Offset + i + 1, plan, work, options.Explain))
            .ToList();
        return new SearchResponse(question, hits, query.Terms) { HasMore = distinct.Count > options.Offset + options.Limit };
    }

    private double Score(double bm25, PassageFeatures f) =>
        (bm25 + f.BackoffBm25)
        * (parameters.CoverageFloor + (1 - parameters.CoverageFloor) * Math.Pow(f.Coverage, parameters.CoveragePower))
        * (1 + parameters.PhraseBoost * f.Phrase)
        * (1 + parameters.ProximityBoost * f.Proximity)
        * (1 + parameters.QuestionBoost * f.QuestionCoverage);

    private static SearchHit Hit(RankedPassage ranked, int rank, QueryPlan plan, Scratch work, bool explain)
    {
        var passage = ranked.Passage;
        var document = passage.Document;
        var view = new PassageView(document.Source, document.Title, document.Url, passage.Locator, passage.Section, passage.Text, passage.Ordinal);
        return new SearchHit(rank, Math.Round(ranked.Score, 3), view, Highlights(passage, plan, work), explain ? Explain(ranked, plan) : null);
    }

    /// <summary>Where the question's words and bigrams (not its backoff characters) occur, merged.</summary>
    private static List<TextSpan> Highlights(IndexedPassage passage, QueryPlan plan, Scratch work)
    {
        var spans = new List<TextSpan>();
        var tokens = passage.Tokens;
        for (var i = 0; i < tokens.Count; i++)
        {
            var q = work.QueryIndexOf[tokens.TermIds[i]];
            if (q < 0 || plan.Terms[q].IsBackoff)
                continue;
            int start = tokens.Starts[i], end = start + tokens.Lengths[i];
            if (spans.Count > 0 && start <= spans[^1].End)
                spans[^1] = new TextSpan(spans[^1].Start, Math.Max(spans[^1].End, end) - spans[^1].Start);
            else
                spans.Add(new TextSpan(start, end - start));
        }
        return spans;
    }

    private static string Explain(RankedPassage ranked, QueryPlan plan)
    {
        var f = ranked.Features;
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture,
            $"score {ranked.Score:F3} = bm25 {ranked.Bm25:F3} + backoff {f.BackoffBm25:F3} × coverage {f.Coverage:F2} × phrase {f.Phrase:F2} × proximity {f.Proximity:F2} × question {f.QuestionCoverage:F2}, found {f.Found:F2}, keyness {f.Keyness:F1}; terms:");
        foreach (var term in plan.Terms)
            text.Append(CultureInfo.InvariantCulture, $" {term.Text}(idf {term.Idf:F2}{(term.Id < 0 ? ", not in corpus" : "")})");
        return text.ToString();
    }
}
