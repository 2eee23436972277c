using Bot.Search.Ranking;

namespace Bot.Search.Evaluation;

/// <summary>
/// Measures answers against questions with known good passages (the format of tests/eval/dev.tsv): a result
/// is relevant when its text, white space removed, contains one of the question's gold snippets.
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
            if (fields.Length != 3)
                throw new FormatException($"{path}:{number}: expected 'id<TAB>question<TAB>gold1|gold2', found {fields.Length} field(s)");
            var golds = fields[2].Split('|', StringSplitOptions.RemoveEmptyEntries).Select(StripWhiteSpace).Where(g => g.Length > 0).ToArray();
            if (golds.Length == 0)
                throw new FormatException($"{path}:{number}: no gold snippet");
            questions.Add(new EvalQuestion(fields[0], fields[1], golds));
        }
        return questions;
    }

    public static EvalReport Run(ISearchIndex index, IReadOnlyList<EvalQuestion> questions)
    {
        var outcomes = new List<EvalOutcome>(questions.Count);
        foreach (var question in questions)
        {
            var response = index.Search(question.Question, new SearchOptions { Limit = Depth });
            var rank = 0;
            foreach (var hit in response.Hits)
            {
                var text = StripWhiteSpace(hit.Passage.Text);
                if (question.Golds.Any(g => text.Contains(g, StringComparison.Ordinal)))
                {
                    rank = hit.Rank;
                    break;
                }
            }
            outcomes.Add(new EvalOutcome(question, rank, response.Hits.FirstOrDefault()));
        }
        return new EvalReport(outcomes);
    }

    private static string StripWhiteSpace(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));
}

public sealed record EvalQuestion(string Id, string Question, IReadOnlyList<string> Golds);

/// <param name="Rank">Rank of the first relevant passage in the first ten, or 0 when none is.</param>
public sealed record EvalOutcome(EvalQuestion Question, int Rank, SearchHit? Top);

public sealed record EvalReport(IReadOnlyList<EvalOutcome> Outcomes)
{
    public double SuccessAt(int k) => Outcomes.Count == 0 ? 0 : Outcomes.Count(o => o.Rank is > 0 && o.Rank <= k) / (double)Outcomes.Count;

    public double MeanReciprocalRank => Outcomes.Count == 0 ? 0 : Outcomes.Sum(o => o.Rank > 0 ? 1.0 / o.Rank : 0) / Outcomes.Count;
}
