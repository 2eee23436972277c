using Bot.Search.Evaluation;
using Bot.Search.Ranking;
using Bot.Search.Tests.Support;

namespace Bot.Search.Tests;

/// <summary>Two fresh indexes of the same corpus (indexed in parallel, so with other document numbers) answer alike.</summary>
public class DeterminismTests
{
    [Fact]
    public void Two_fresh_indexes_give_the_same_results_for_every_dev_and_off_topic_question()
    {
        var questions = RelevanceEvaluator.Load(Repo.EvalFile("dev.tsv")).Select(q => q.Question)
            .Concat(File.ReadLines(Repo.EvalFile("offtopic.txt")).Where(l => l.Trim().Length > 0))
            .ToList();
        using var first = new TempCorpus(withSeeds: true);
        using var second = new TempCorpus(withSeeds: true);
        var a = first.OpenUpdated();
        var b = second.OpenUpdated();

        foreach (var question in questions)
        {
            static string Shown(SearchResponse r) => string.Join("\n", r.Hits.Select(h => $"{h.Rank} {h.Score} {h.Passage.Source} {h.Passage.Locator}"));
            Assert.Equal(Shown(a.Search(question, new SearchOptions { Limit = 10 })), Shown(b.Search(question, new SearchOptions { Limit = 10 })));
        }
    }
}
