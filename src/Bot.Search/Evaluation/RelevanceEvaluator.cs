using Bot.Search.Ranking;

namespace Bot.Search.Evaluation;

/// <summary>
/// Measures answers against questions with known good passages. Two formats: <c>id, question, gold1|gold2</c> (a
/// result is relevant when its text, white space removed, contains a gold snippet), and the same with a fourth column
/// naming the gold file (the result must also come from that file).
/// </summary>
public static class RelevanceEvaluator
{
    private const int Depth = 10;

    public static IReadOnlyList<EvalQuestion> Load(string path)
    {
        var questions = new List<EvalQuestion>();
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line) || line.StartsWith('#'))
                continue;
            var fields = line.Split('\t');
            if (fields.Length is not (3 or 4))
                throw new FormatException($"{path}:{number}: expected 'id<TAB>question<TAB>gold1|gold2[<TAB>gold file]', found {fields.Length} field(s)");
            var golds = fields[2].Split('|', StringSplitOptions.RemoveEmptyEntries).Select(StripWhiteSpace).Where(g => g.Length > 0).ToArray();
            if (golds.Length == 0)
                throw new FormatException($"{path}:{number}: no gold snippet");
            var file = fields.Length == 4 && fields[3].Trim() is { Length: > 0 } name ? name : null;
            questions.Add(new EvalQuestion(fields[0], fields[1], golds, file));
        }
        return questions;
    }

    public static EvalReport Run(ISearchIndex index, IReadOnlyList<EvalQuestion> questions)
    {
        var outcomes = new List<EvalOutcome>(questions.Count);
        foreach (var question in questions)
        {
            var response = index.Search(question.Question, new SearchOptions { Limit = Depth });
            var hit = response.Hits.FirstOrDefault(h => IsRelevant(question, h));
            outcomes.Add(new EvalOutcome(question, hit?.Rank ?? 0, response.Hits.FirstOrDefault(), response.Hits.Count));
        }
        return new EvalReport(outcomes);
    }

    public static bool IsRelevant(EvalQuestion question, SearchHit hit)
    {
        if (question.GoldFile is { } file && !string.Equals(hit.Passage.Source, file, StringComparison.Ordinal))
            return false;
        var text = StripWhiteSpace(hit.Passage.Text);
        return question.Golds.Any(g => text.Contains(g, StringComparison.Ordinal));
    }

    private static string StripWhiteSpace(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));
}

/// <param name="GoldFile">The file a relevant passage must come from, when the question file names one.</param>
public sealed record EvalQuestion(string Id, string Question, IReadOnlyList<string> Golds, string? GoldFile = null);

/// <param name="Rank">Rank of the first relevant passage in the first ten, or 0 when none is.</param>
/// <param name="Results">How many passages the question got (0: "no relevant passage").</param>
public sealed record EvalOutcome(EvalQuestion Question, int Rank, SearchHit? Top, int Results);

public sealed record EvalReport(IReadOnlyList<EvalOutcome> Outcomes)
{
    public double SuccessAt(int k) => Outcomes.Count == 0 ? 0 : Outcomes.Count(o => o.Rank is > 0 && o.Rank <= k) / (double)Outcomes.Count;

    public double MeanReciprocalRank => Outcomes.Count == 0 ? 0 : Outcomes.Sum(o => o.Rank > 0 ? 1.0 / o.Rank : 0) / Outcomes.Count;

    /// <summary>Questions that got no passage at all.</summary>
    public int Unanswered => Outcomes.Count(o => o.Results == 0);
}
