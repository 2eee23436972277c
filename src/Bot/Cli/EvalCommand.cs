using System.CommandLine;
using System.Security.Cryptography;
using System.Text;
using Bot.Search;
using Bot.Search.Evaluation;

namespace Bot.Cli;

/// <summary><c>eval --questions FILE.tsv [--corpus DIR]</c>: S@1, S@3, S@5 and MRR@10 of the answers.</summary>
internal static class EvalCommand
{
    public static Command Create(BotSettings settings)
    {
        var questions = new Option<FileInfo>("--questions") { HelpName = "文件", Description = "问题文件（id<TAB>问题<TAB>金标准1|金标准2[<TAB>金标准文件]）", Required = true };
        var corpus = new Option<DirectoryInfo?>("--corpus") { HelpName = "文件夹", Description = "在这个转录稿文件夹上衡量（默认 Corpus:Path）；索引放在 Index:Path 旁的 eval 文件夹" };
        var verbose = new Option<bool>("--verbose") { Description = "列出没有答在第一位的问题" };
        var command = new Command("eval", "用标注好的问题衡量检索质量。") { questions, corpus, verbose };
        command.SetAction(result =>
        {
            var file = result.GetValue(questions)!;
            if (!file.Exists)
                throw new UsageException($"问题文件不存在：{file.FullName}");
            var loaded = RelevanceEvaluator.Load(file.FullName);
            var folder = result.GetValue(corpus);
            if (folder is { Exists: false })
                throw new UsageException($"转录稿文件夹不存在：{folder.FullName}");
            using var index = IndexSession.Open(folder is null ? settings.SearchIndex : ForCorpus(settings.SearchIndex, folder));
            var report = RelevanceEvaluator.Run(index, loaded);
            if (result.GetValue(verbose))
            {
                foreach (var miss in report.Outcomes.Where(o => o.Rank != 1))
                {
                    var top = miss.Top is null ? "（无结果）" : $"{miss.Top.Passage.Source} · {miss.Top.Passage.Locator}";
                    Console.WriteLine($"{miss.Question.Id}\trank {(miss.Rank == 0 ? "-" : miss.Rank.ToString())}\t{miss.Question.Question}\t→ {top}");
                }
            }
            Console.WriteLine($"questions={report.Outcomes.Count} S@1={report.SuccessAt(1):F3} S@3={report.SuccessAt(3):F3} S@5={report.SuccessAt(5):F3} MRR@10={report.MeanReciprocalRank:F3} no_result={report.Unanswered}");
            return 0;
        });
        return command;
    }

    /// <summary>
    /// The settings for another corpus: its own index beside the configured one (data/eval/NAME-HASH.db), kept between
    /// runs so that only changed files are indexed again.
    /// </summary>
    private static SearchIndexOptions ForCorpus(SearchIndexOptions options, DirectoryInfo folder)
    {
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(folder.FullName)))[..8].ToLowerInvariant();
        var beside = Path.GetDirectoryName(Path.GetFullPath(options.IndexPath))!;
        return options with { CorpusPath = folder.FullName, IndexPath = Path.Combine(beside, "eval", $"{folder.Name}-{hash}.db") };
    }
}
