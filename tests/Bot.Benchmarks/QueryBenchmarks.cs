using BenchmarkDotNet.Attributes;
using Bot.Search;
using Bot.Search.Ranking;

namespace Bot.Benchmarks;

/// <summary>The query path on the seeds index: one question, top 5 passages with their text.</summary>
[MemoryDiagnoser]
public class QueryBenchmarks
{
    private static readonly SearchOptions TopFive = new() { Limit = 5 };
    private SearchIndex index = null!;
    private string work = "";

    [ParamsSource(nameof(Questions))]
    public string Question { get; set; } = "";

    public static IEnumerable<string> Questions => Seeds.Questions.Take(6);

    [GlobalSetup]
    public void Setup()
    {
        work = Directory.CreateTempSubdirectory("bot-benchmarks-").FullName;
        index = SearchIndex.Open(new SearchIndexOptions { CorpusPath = Seeds.Folder, IndexPath = Path.Combine(work, "bench.db") });
        index.Update();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        index.Dispose();
        Directory.Delete(work, recursive: true);
    }

    [Benchmark(Description = "search: top 5 with text")]
    public int Search() => index.Search(Question, TopFive).Hits.Sum(h => h.Passage.Text.Length);
}
