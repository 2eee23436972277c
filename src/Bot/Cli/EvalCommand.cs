using System.CommandLine;
using Bot.Search.Evaluation;

namespace Bot.Cli;

/// <summary><c>eval --questions FILE.tsv</c>: S@1, S@3, S@5 and MRR@10 of the answers.</summary>
internal static class EvalCommand
{
    public static Command Create(BotSettings settings)
    {
        var questions = new Option<FileInfo>("--questions") { Description = "问题文件（id<TAB>问题<TAB>金标准1|金标准2）", Required = true };
        var verbose = new Option<bool>("--verbose") { Description = "列出没有答在第一位的问题" };
        var command = new Command("eval", "用标注好的问题衡量检索质量。") { questions, verbose };
        command.SetAction(result =>
        {
            var file = result.GetValue(questions)!;
            if (!file.Exists)
                throw new UsageException($"问题文件不存在：{file.FullName}");
            var loaded = RelevanceEvaluator.Load(file.FullName);
            using var index = IndexSession.Open(settings);
            var report = RelevanceEvaluator.Run(index, loaded);
            if (result.GetValue(verbose))
            {
                foreach (var miss in report.Outcomes.Where(o => o.Rank != 1))
                {
                    var top = miss.Top is null ? "（无结果）" : $"{miss.Top.Passage.Source} · {miss.Top.Passage.Locator}";
                    Console.WriteLine($"{miss.Question.Id}\trank {(miss.Rank == 0 ? "-" : miss.Rank.ToString())}\t{miss.Question.Question}\t→ {top}");
                }
            }
            Console.WriteLine($"questions={report.Outcomes.Count} S@1={report.SuccessAt(1):F3} S@3={report.SuccessAt(3):F3} S@5={report.SuccessAt(5):F3} MRR@10={report.MeanReciprocalRank:F3}");
            return 0;
        });
        return command;
    }
}
