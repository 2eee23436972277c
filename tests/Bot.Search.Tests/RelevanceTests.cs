using System.Globalization;
using Bot.Search.Evaluation;
using Bot.Search.Ranking;
using Bot.Search.Tests.Support;

namespace Bot.Search.Tests;

/// <summary>
/// The quality bar of the issue on the dev questions, and a floor on held-out questions that the ranking was
/// not tuned on; and the measuring tool itself.
/// </summary>
public class RelevanceTests(SeedsIndexFixture seeds) : IClassFixture<SeedsIndexFixture>
{
    [Fact]
    public void The_dev_questions_meet_the_quality_bar()
    {
        var questions = RelevanceEvaluator.Load(Repo.EvalFile("dev.tsv"));
        Assert.True(questions.Count >= 20);

        var report = RelevanceEvaluator.Run(seeds.Index, questions);

        var figures = Figures(report);
        Assert.True(report.SuccessAt(1) >= 0.85, $"S@1 below 0.85: {figures}");
        Assert.True(report.SuccessAt(3) >= 0.95, $"S@3 below 0.95: {figures}");
        Assert.True(report.MeanReciprocalRank >= 0.90, $"MRR@10 below 0.90: {figures}");
    }

    [Fact]
    public void The_held_out_questions_stay_above_a_floor()
    {
        var questions = RelevanceEvaluator.Load(Repo.EvalFile("heldout.tsv"));
        Assert.True(questions.Count >= 50);

        var report = RelevanceEvaluator.Run(seeds.Index, questions);

        var figures = Figures(report);
        Assert.True(report.SuccessAt(3) >= 0.70, $"held-out S@3 below 0.70: {figures}");
        Assert.True(report.MeanReciprocalRank >= 0.60, $"held-out MRR@10 below 0.60: {figures}");
    }

    private static string Figures(EvalReport report)
    {
        var missed1 = report.Outcomes.Where(o => o.Rank != 1).Select(o => $"{o.Question.Id}(rank {(o.Rank == 0 ? "none" : o.Rank.ToString(CultureInfo.InvariantCulture))})");
        var missed3 = report.Outcomes.Where(o => o.Rank is 0 or > 3).Select(o => o.Question.Id);
        return string.Create(CultureInfo.InvariantCulture,
            $"S@1 {report.SuccessAt(1):F3}, S@3 {report.SuccessAt(3):F3}, S@5 {report.SuccessAt(5):F3}, MRR@10 {report.MeanReciprocalRank:F3} over {report.Outcomes.Count}; not first: {string.Join(" ", missed1)}; not in top 3: {string.Join(" ", missed3)}");
    }

    [Fact]
    public void The_evaluator_finds_gold_snippets_ignoring_white_space_and_scores_by_the_first_relevant_rank()
    {
        using var file = new TempCorpus();
        var path = Path.Combine(file.Root, "questions.tsv");
        File.WriteAllLines(path,
        [
            "# comment",
            "a\t问题一\t金 句|另一句",
            "",
            "b\t问题二\t第三名",
            "c\t问题三\t找不到",
        ]);
        var index = new FakeIndex(new()
        {
            ["问题一"] = ["无关", "这里有 金\n句 的文字"],
            ["问题二"] = ["无关", "无关", "第 三 名"],
            ["问题三"] = ["无关"],
        });

        var report = RelevanceEvaluator.Run(index, RelevanceEvaluator.Load(path));

        Assert.Equal([2, 3, 0], report.Outcomes.Select(o => o.Rank));
        Assert.Equal(0, report.SuccessAt(1));
        Assert.Equal(1 / 3.0, report.SuccessAt(2), 6);
        Assert.Equal(2 / 3.0, report.SuccessAt(3), 6);
        Assert.Equal((1 / 2.0 + 1 / 3.0) / 3, report.MeanReciprocalRank, 6);
    }

    [Fact]
    public void A_malformed_question_file_is_refused_with_its_line_number()
    {
        using var file = new TempCorpus();
        var path = Path.Combine(file.Root, "bad.tsv");
        File.WriteAllLines(path, ["a\t问题\t金句", "b\t只有两列"]);

        var error = Assert.Throws<FormatException>(() => RelevanceEvaluator.Load(path));

        Assert.Contains(":2:", error.Message);
    }

    /// <summary>Answers each question with fixed passages, in order.</summary>
    private sealed class FakeIndex(Dictionary<string, string[]> answers) : ISearchIndex
    {
        public IReadOnlyList<DocumentInfo> Documents => [];

        public SearchResponse Search(string question, SearchOptions? options = null) =>
            new(question, answers[question].Select((text, i) => new SearchHit(i + 1, 1.0 / (i + 1), new PassageView("f.txt", "t", null, "l", null, text, i), [], null)).ToList(), [question]);
    }
}
