using BenchmarkDotNet.Attributes;
using Bot.Search.Analysis;
using Bot.Search.Corpus;

namespace Bot.Benchmarks;

/// <summary>Folding and tokenising: the per-character cost of indexing, and the cost of analysing a question.</summary>
[MemoryDiagnoser]
public class AnalyzerBenchmarks
{
    private List<string> passages = [];

    [GlobalSetup]
    public void Setup()
    {
        var parser = new TranscriptParser();
        passages = Directory.GetFiles(Seeds.Folder)
            .SelectMany(f => parser.Parse(Path.GetFileName(f), TranscriptDecoder.Decode(File.ReadAllBytes(f)).Text!).Passages)
            .Select(p => p.Text)
            .ToList();
    }

    [Benchmark(Description = "fold every seed passage (NFKC, case, traditional→simplified)")]
    public int Normalize()
    {
        var total = 0;
        foreach (var passage in passages)
            total += NormalizedText.From(passage).Text.Length;
        return total;
    }

    [Benchmark(Description = "tokenise every seed passage")]
    public int Tokenize()
    {
        var total = 0;
        foreach (var passage in passages)
            total += Tokenizer.Tokenize(passage).Count;
        return total;
    }

    [Benchmark(Description = "analyse every dev question")]
    public int AnalyzeQuestions()
    {
        var total = 0;
        foreach (var question in Seeds.Questions)
            total += QueryAnalyzer.Analyze(question).Terms.Count;
        return total;
    }
}
