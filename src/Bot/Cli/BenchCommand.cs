using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Serialization;
using Bot.Benchmarking;

namespace Bot.Cli;

/// <summary>
/// <c>bench --corpus DIR --questions FILE... [--json]</c>: indexes DIR into a fresh index (best of three), then
/// times every question of the FILEs (each once) after a warm-up, and prints the figures; with --json the last line
/// is one JSON object.
/// </summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var corpus = new Option<DirectoryInfo>("--corpus") { HelpName = "文件夹", Description = "转录稿文件夹", Required = true };
        var questions = new Option<FileInfo[]>("--questions")
        {
            HelpName = "文件",
            Description = "问题文件（可以给多个）：每行一个问题，或 dev.tsv 格式",
            Required = true,
            AllowMultipleArgumentsPerToken = true,
        };
        var json = new Option<bool>("--json") { Description = "最后一行输出 JSON" };
        var rounds = new Option<int>("--rounds") { HelpName = "N", Description = "计时轮数", DefaultValueFactory = _ => 20 };
        var command = new Command("bench", "测量建索引和检索的速度。") { corpus, questions, json, rounds };
        command.SetAction(result =>
        {
            var folder = result.GetValue(corpus)!;
            var files = result.GetValue(questions)!;
            if (!folder.Exists)
                throw new UsageException($"转录稿文件夹不存在：{folder.FullName}");
            if (files.FirstOrDefault(f => !f.Exists) is { } missing)
                throw new UsageException($"问题文件不存在：{missing.FullName}");
            if (result.GetValue(rounds) is < 1 or > 1000)
                throw new UsageException("--rounds 须在 1 到 1000 之间");
            var report = new SearchBenchmark(folder.FullName, BenchQuestions.Load(files.Select(f => f.FullName)), result.GetValue(rounds), Console.Out).Run();
            if (result.GetValue(json))
                Console.WriteLine(JsonSerializer.Serialize(report, BenchJson.Default.BenchReport));
            return 0;
        });
        return command;
    }

    /// <summary>The new process whose start-up <c>cold_start_ms</c> measures: open the index, answer once, exit.</summary>
    public static Command CreateProbe()
    {
        var index = new Option<string>("--index") { Required = true };
        var question = new Argument<string>("question");
        var command = new Command("bench-probe", "（bench 内部使用）打开已有索引并回答一次。") { index, question };
        command.Hidden = true;
        command.SetAction(result =>
        {
            using var searchIndex = Bot.Search.SearchIndex.Open(new Bot.Search.SearchIndexOptions { IndexPath = result.GetValue(index)! });
            var response = searchIndex.Search(result.GetValue(question)!);
            Console.WriteLine(response.Hits.Count);
            return response.Hits.Count > 0 ? 0 : 3;
        });
        return command;
    }
}

[JsonSerializable(typeof(BenchReport))]
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
internal sealed partial class BenchJson : JsonSerializerContext;
