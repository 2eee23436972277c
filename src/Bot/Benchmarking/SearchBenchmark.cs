using System.Diagnostics;
using Bot.Search;
using Bot.Search.Corpus;
using Bot.Search.Ranking;

namespace Bot.Benchmarking;

/// <summary>
/// Measures the search the way the Lucene yardstick (../shared/bench/lucene) does: a fresh index built three
/// times (best kept), then every question timed, top 5 passages with their text, after a warm-up.
/// </summary>
internal sealed class SearchBenchmark(string corpus, IReadOnlyList<string> questions, int rounds, TextWriter output)
{
    private const int WarmUpRounds = 30;
    private const int Builds = 3;
    private static readonly SearchOptions TopFive = new() { Limit = 5 };

    public BenchReport Run()
    {
        var work = Directory.CreateTempSubdirectory("bot-bench-");
        try
        {
            var indexPath = Path.Combine(work.FullName, "bench.db");
            var bytes = TranscriptBytes();
            output.WriteLine($"语料：{corpus}（{bytes / 1024.0:F0} KB），问题 {questions.Count} 个");

            var indexMs = double.MaxValue;
            SearchIndex? index = null;
            for (var build = 0; build < Builds; build++)
            {
                // The previous build is let go first, so that peak memory is that of one index, not two.
                index?.Dispose();
                index = null;
                GC.Collect();
                var options = new SearchIndexOptions { CorpusPath = corpus, IndexPath = indexPath };
                if (Directory.Exists(options.IndexFolder))
                    Directory.Delete(options.IndexFolder, recursive: true);
                var clock = Stopwatch.StartNew();
                index = SearchIndex.Open(options);
                index.Update(rebuild: true);
                indexMs = Math.Min(indexMs, clock.Elapsed.TotalMilliseconds);
            }
            using (index)
            {
                output.WriteLine($"建索引：{index!.PassageCount} 段，最快 {indexMs:F0} ms（{Builds} 次）");
                for (var r = 0; r < WarmUpRounds; r++)
                    RunAll(index);

                var latencies = new List<double>(questions.Count * rounds);
                var total = Stopwatch.StartNew();
                for (var r = 0; r < rounds; r++)
                {
                    foreach (var question in questions)
                    {
                        var clock = Stopwatch.StartNew();
                        Touch(index.Search(question, TopFive));
                        latencies.Add(clock.Elapsed.TotalMicroseconds);
                    }
                }
                var qps = latencies.Count / total.Elapsed.TotalSeconds;
                latencies.Sort();
                var p50 = Percentile(latencies, 0.50);
                var p99 = Percentile(latencies, 0.99);
                output.WriteLine($"检索：p50 {p50:F0} µs，p99 {p99:F0} µs，单线程 {qps:F0} 次/秒");

                var allCores = AllCores(index);
                output.WriteLine($"检索（{Environment.ProcessorCount} 线程）：{allCores:F0} 次/秒");

                var coldStart = ColdStart(indexPath);
                output.WriteLine($"冷启动（新进程打开已有索引并回答）：{coldStart:F0} ms");
                var rss = Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024.0);
                output.WriteLine($"内存峰值：{rss:F0} MB");
                return new BenchReport(bytes, index.PassageCount, Math.Round(indexMs, 1), Math.Round(p50), Math.Round(p99), Math.Round(qps),
                    Math.Round(allCores), Math.Round(coldStart, 1), Math.Round(rss, 1));
            }
        }
        finally
        {
            try { work.Delete(recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>The bytes of the files the index reads.</summary>
    private long TranscriptBytes() => TranscriptParser.FilesIn(corpus).Sum(f => new FileInfo(f).Length);

    private void RunAll(SearchIndex index)
    {
        foreach (var question in questions)
            Touch(index.Search(question, TopFive));
    }

    /// <summary>Reads each hit's text, as showing it would.</summary>
    private static int Touch(SearchResponse response) => response.Hits.Sum(h => h.Passage.Text.Length);

    private double AllCores(SearchIndex index)
    {
        var threads = Environment.ProcessorCount;
        var clock = Stopwatch.StartNew();
        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, _ =>
        {
            for (var r = 0; r < rounds; r++)
                RunAll(index);
        });
        return threads * rounds * questions.Count / clock.Elapsed.TotalSeconds;
    }

    /// <summary>Median of three: a new process of this program opens the index and answers the first question.</summary>
    private double ColdStart(string indexPath)
    {
        var times = new List<double>();
        for (var i = 0; i < 3; i++)
        {
            var start = SelfStartInfo();
            start.ArgumentList.Add("bench-probe");
            start.ArgumentList.Add("--index");
            start.ArgumentList.Add(indexPath);
            start.ArgumentList.Add(questions[0]);
            start.RedirectStandardOutput = true;
            var clock = Stopwatch.StartNew();
            using var process = Process.Start(start)!;
            process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            times.Add(clock.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        return times[1];
    }

    private static ProcessStartInfo SelfStartInfo()
    {
        var host = Environment.ProcessPath!;
        var start = new ProcessStartInfo(host) { UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(host).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
            start.ArgumentList.Add(typeof(SearchBenchmark).Assembly.Location);
        return start;
    }

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)(sorted.Count * p))];
}
