using BenchmarkDotNet.Attributes;
using Bot.Search;
using Bot.Search.Corpus;

namespace Bot.Benchmarks;

/// <summary>Building the index from the seeds: parsing alone, and the whole rebuild into a fresh Lucene folder.</summary>
[MemoryDiagnoser]
public class IndexBuildBenchmarks
{
    private List<(string Name, string Text)> files = [];
    private string work = "";

    [GlobalSetup]
    public void Setup()
    {
        files = Directory.GetFiles(Seeds.Folder).Select(f => (Path.GetFileName(f), TranscriptDecoder.Decode(File.ReadAllBytes(f)).Text!)).ToList();
        work = Directory.CreateTempSubdirectory("bot-benchmarks-").FullName;
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(work, recursive: true);

    [Benchmark(Description = "parse the seeds into passages")]
    public int Parse()
    {
        var parser = new TranscriptParser();
        return files.Sum(f => parser.Parse(f.Name, f.Text).Passages.Count);
    }

    [Benchmark(Description = "rebuild the seeds index (read, parse, analyse, commit, open)")]
    public int Rebuild()
    {
        var path = Path.Combine(work, $"{Guid.NewGuid():N}.db");
        using var index = SearchIndex.Open(new SearchIndexOptions { CorpusPath = Seeds.Folder, IndexPath = path });
        return index.Update(rebuild: true).Passages;
    }
}
