using System.CommandLine;
using Bot.Search.Index;

namespace Bot.Cli;

/// <summary><c>index [--rebuild]</c>: builds or updates the index and prints what changed.</summary>
internal static class IndexCommand
{
    public static Command Create(BotSettings settings)
    {
        var rebuild = new Option<bool>("--rebuild") { Description = "丢弃现有索引，全部重建" };
        var command = new Command("index", "建立或更新索引，并报告变化。") { rebuild };
        command.SetAction(result =>
        {
            using var index = IndexSession.Open(settings.SearchIndex, result.GetValue(rebuild), out var report);
            Console.WriteLine(Describe(report));
            if (report.Locked)
                Console.WriteLine("另一个进程（另一个分片或另一次 index）正在写索引，这次没有写入；它写完后再运行一次即可。");
            Console.WriteLine($"索引：{index.Documents.Count} 个文件，{index.PassageCount} 段（{index.Folder}）");
            return 0;
        });
        return command;
    }

    public static string Describe(IndexReport report)
    {
        var lines = new List<string>
        {
            $"新增 {report.Added.Count}，更新 {report.Changed.Count}，删除 {report.Removed.Count}，未变 {report.Unchanged}，跳过 {report.Skipped.Count}；写入 {report.Passages} 段，用时 {report.Elapsed.TotalMilliseconds:F0} ms",
        };
        lines.AddRange(report.Added.Select(s => $"  + {s}"));
        lines.AddRange(report.Changed.Select(s => $"  ~ {s}"));
        lines.AddRange(report.Removed.Select(s => $"  - {s}"));
        lines.AddRange(report.Skipped.Select(s => $"  ! {s.Source}：{IndexText.Reason(s)}"));
        return string.Join(Environment.NewLine, lines);
    }
}
