using BenchmarkDotNet.Attributes;
using Bot.Search.Analysis;
using Bot.Search.Corpus;

namespace Bot.Benchmarks;

/// <summary>Folding and the two analyzers: the per-character cost of indexing, and the cost of analysing a question.</summary>
[MemoryDiagnoser]
public class AnalyzerBenchmarks
{
    private readonly WordAnalyzer words = new();
    private readonly BigramAnalyzer bigrams = new();
    private List<string> passages = [];
    private List<string> traditionalQuestions = [];

    [GlobalSetup]
    public void Setup()
    {
        var parser = new TranscriptParser();
        passages = Directory.GetFiles(Seeds.Folder)
            .SelectMany(f => parser.Parse(Path.GetFileName(f), TranscriptDecoder.Decode(File.ReadAllBytes(f)).Text!).Passages)
            .Select(p => p.Text)
            .ToList();
        var toTraditional = ICU4N.Text.Transliterator.GetInstance("Simplified-Traditional");
        traditionalQuestions = Seeds.Questions.Select(q => toTraditional.Transliterate(q)).ToList();
        ChineseScript.Warm();
    }

    [Benchmark(Description = "fold every seed passage (ICU nfkc_cf, traditional→simplified)")]
    public int Fold()
    {
        var total = 0;
        foreach (var passage in passages)
            total += ChineseFolding.Fold(passage).Length;
        return total;
    }

    [Benchmark(Description = "SmartCn words of every seed passage")]
    public int Words() => passages.Sum(p => AnalyzedToken.Read(words, "text", p).Count);

    [Benchmark(Description = "CJK bigrams of every seed passage")]
    public int Bigrams() => passages.Sum(p => AnalyzedToken.Read(bigrams, "bigrams", p).Count);

    [Benchmark(Description = "script of every question, and of each written in traditional characters (ChineseScript)")]
    public int Script() => Seeds.Questions.Count(ChineseScript.IsTraditional) + traditionalQuestions.Count(ChineseScript.IsTraditional);

    [Benchmark(Description = "analyse every dev question")]
    public int AnalyzeQuestions()
    {
        var total = 0;
        foreach (var question in Seeds.Questions)
            total += QueryAnalyzer.Analyze(question).Terms.Count;
        return total;
    }
}
