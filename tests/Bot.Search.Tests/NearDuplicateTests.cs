using System.Text.RegularExpressions;
using Bot.Search.Evaluation;
using Bot.Search.Ranking;
using Bot.Search.Tests.Support;
using static Bot.Search.Tests.Support.Text;

namespace Bot.Search.Tests;

/// <summary>
/// The results never show the same content twice: not two copies of a file, not two overlapping windows of
/// one transcript, not two translations of one interview; of two translations, the cleaner is shown.
/// </summary>
public partial class NearDuplicateTests(SeedsIndexFixture seeds) : IClassFixture<SeedsIndexFixture>
{
    /// <summary>The questions of the dev and held-out sets: general questions about the seeds.</summary>
    private static IReadOnlyList<EvalQuestion> EvalQuestions { get; } =
        [.. RelevanceEvaluator.Load(Repo.EvalFile("dev.tsv")), .. RelevanceEvaluator.Load(Repo.EvalFile("heldout.tsv"))];

    [Fact]
    public void Copies_of_a_transcript_under_other_names_show_each_passage_once()
    {
        using var corpus = new TempCorpus(withSeeds: true);
        var copied = Repo.Seed("002");
        File.Copy(copied, Path.Combine(corpus.CorpusPath, "copy-of-002.txt"));
        Directory.CreateDirectory(Path.Combine(corpus.CorpusPath, "again"));
        File.Copy(copied, Path.Combine(corpus.CorpusPath, "again", "002.txt"));
        var index = corpus.OpenUpdated();
        var copies = new HashSet<string> { Path.GetFileName(copied), "copy-of-002.txt", "again/002.txt" };
        var fromCopies = 0;

        foreach (var question in EvalQuestions)
        {
            var hits = index.Search(question.Question, new SearchOptions { Limit = 10 }).Hits;
            var texts = hits.Select(h => Squeeze(h.Passage.Text)).ToList();
            Assert.True(texts.Count == texts.Distinct().Count(), $"{question.Id}: the same passage twice in {string.Join(", ", hits.Select(h => h.Passage.Source))}");
            fromCopies += hits.Count(h => copies.Contains(h.Passage.Source));
        }
        Assert.True(fromCopies > 20, $"only {fromCopies} results from the copied transcript: the test proves little");
    }

    [Fact]
    public void The_top_five_never_show_overlapping_windows_or_near_identical_passages()
    {
        foreach (var question in EvalQuestions)
        {
            var hits = seeds.Index.Search(question.Question).Hits;
            for (var i = 0; i < hits.Count; i++)
            {
                for (var j = 0; j < i; j++)
                {
                    var (a, b) = (hits[j].Passage, hits[i].Passage);
                    Assert.False(a.Source == b.Source && Overlap(a.Locator, b.Locator),
                        $"{question.Id}: overlapping windows {a.Source} [{a.Locator}] and [{b.Locator}]");
                    var similarity = BigramContainment(a.Text, b.Text);
                    Assert.True(similarity < 0.6,
                        $"{question.Id}: near-identical passages ({similarity:F2}) {a.Source} [{a.Locator}] and {b.Source} [{b.Locator}]");
                }
            }
        }
    }

    /// <summary>
    /// Questions answered in both translations of the Schulman interview: the dev and held-out golds name a
    /// passage of each (the same content in two sources), and a search limited to either transcript finds it.
    /// </summary>
    private List<(EvalQuestion Question, string Clean, string Worse)> AnsweredInBothTranslations()
    {
        var clean = Repo.SeedName("000");
        var worse = Repo.SeedName("003");
        var chosen = new List<(EvalQuestion, string, string)>();
        foreach (var question in EvalQuestions)
        {
            if (FindsGold(question, clean) && FindsGold(question, worse))
                chosen.Add((question, clean, worse));
        }
        Assert.True(chosen.Count >= 8, $"only {chosen.Count} questions are answered in both translations");
        return chosen;
    }

    private bool FindsGold(EvalQuestion question, string source) =>
        seeds.Index.Search(question.Question, new SearchOptions { Limit = 3, Source = source }).Hits.Any(h => IsGold(question, h));

    private static bool IsGold(EvalQuestion question, SearchHit hit) => question.Golds.Any(g => Squeeze(hit.Passage.Text).Contains(g));

    [Fact]
    public void Of_two_translations_of_an_interview_the_top_five_show_one_version_only()
    {
        var failures = new List<string>();
        foreach (var (question, clean, worse) in AnsweredInBothTranslations())
        {
            var hits = seeds.Index.Search(question.Question).Hits.Where(h => IsGold(question, h)).ToList();
            if (hits.Any(h => h.Passage.Source == clean) && hits.Any(h => h.Passage.Source == worse))
                failures.Add($"{question.Id} {question.Question}: {string.Join(", ", hits.Select(h => $"#{h.Rank} {h.Passage.Source} [{h.Passage.Locator}]"))}");
        }
        Assert.True(failures.Count == 0, "both translations shown:\n" + string.Join("\n", failures));
    }

    [Fact]
    public void Of_two_translations_the_cleaner_one_is_shown_whenever_both_are_found()
    {
        var failures = new List<string>();
        var compared = 0;
        foreach (var (question, clean, worse) in AnsweredInBothTranslations())
        {
            var hits = seeds.Index.Search(question.Question, new SearchOptions { Limit = 50 }).Hits.Where(h => IsGold(question, h)).ToList();
            // Only when the cleaner version is among the passages the ranker weighed can it be preferred.
            if (!hits.Any(h => h.Passage.Source == clean))
                continue;
            compared++;
            var first = hits.First(h => h.Passage.Source == clean || h.Passage.Source == worse);
            if (first.Passage.Source != clean || hits.Any(h => h.Passage.Source == worse && h.Rank <= 5))
                failures.Add($"{question.Id} {question.Question}: {string.Join(", ", hits.Select(h => $"#{h.Rank} {h.Passage.Source} [{h.Passage.Locator}]"))}");
        }
        Assert.True(compared >= 8, $"only {compared} questions compared");
        Assert.True(failures.Count == 0, "the worse translation shown:\n" + string.Join("\n", failures));
    }

    /// <summary>Share of the smaller text's character bigrams found in the other, after a common beginning (a shared question).</summary>
    internal static double BigramContainment(string a, string b)
    {
        a = Squeeze(Fold(a));
        b = Squeeze(Fold(b));
        var common = 0;
        while (common < a.Length && common < b.Length && a[common] == b[common])
            common++;
        var x = Bigrams(a[common..]);
        var y = Bigrams(b[common..]);
        return x.Count == 0 || y.Count == 0 ? (a == b ? 1 : 0) : x.Intersect(y).Count() / (double)Math.Min(x.Count, y.Count);
    }

    private static HashSet<string> Bigrams(string s) => Enumerable.Range(0, Math.Max(0, s.Length - 1)).Select(i => s.Substring(i, 2)).ToHashSet();

    /// <summary>Two locators of windows ("第 12–20 行", "00:01:02–00:01:30") that share lines or time.</summary>
    private static bool Overlap(string a, string b)
    {
        if (Range(a) is not { } x || Range(b) is not { } y)
            return false;
        return string.CompareOrdinal(x.First, y.Last) <= 0 && string.CompareOrdinal(y.First, x.Last) <= 0;
    }

    private static (string First, string Last)? Range(string locator)
    {
        var lines = LineWindow().Match(locator);
        if (lines.Success)
            return (lines.Groups[1].Value.PadLeft(8, '0'), (lines.Groups[2].Success ? lines.Groups[2].Value : lines.Groups[1].Value).PadLeft(8, '0'));
        var time = TimeWindow().Match(locator);
        return time.Success ? (time.Groups[1].Value, time.Groups[2].Value) : null;
    }

    [GeneratedRegex(@"^第 (\d+)(?:–(\d+))? 行$")]
    private static partial Regex LineWindow();

    [GeneratedRegex(@"^(\d\d:\d\d:\d\d)–(\d\d:\d\d:\d\d)$")]
    private static partial Regex TimeWindow();
}
