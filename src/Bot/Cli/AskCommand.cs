using System.CommandLine;
using Bot.Answers;
using Bot.Search;
using Bot.Search.Quoting;
using Bot.Search.Ranking;

namespace Bot.Cli;

/// <summary><c>ask "question"</c>: the answer as a person reads it, in the terminal.</summary>
internal static class AskCommand
{
    public static Command Create(BotSettings settings)
    {
        var question = new Argument<string>("question") { HelpName = "问题", Description = "要问的问题" };
        var top = new Option<int>("--top") { HelpName = "N", Description = "最多显示几段（1–10）", DefaultValueFactory = _ => 3 };
        var source = new Option<string?>("--source") { HelpName = "文件名", Description = "只在这个文件里找（文件名）" };
        var explain = new Option<bool>("--explain") { Description = "显示每段的打分依据" };
        var full = new Option<bool>("--full") { Description = "显示整段原文，而不是回答问题的几句" };
        var command = new Command("ask", "回答一个问题：显示最相关的段落和出处。") { question, top, source, explain, full };
        command.SetAction(result =>
        {
            var limit = result.GetValue(top);
            if (limit is < 1 or > 10)
                throw new UsageException("--top 须在 1 到 10 之间");
            using var index = IndexSession.Open(settings.SearchIndex);
            SourceName.Check(index, result.GetValue(source));
            var options = new SearchOptions { Limit = limit, Source = result.GetValue(source), Explain = result.GetValue(explain) };
            Print(index, result.GetValue(question) ?? "", options, result.GetValue(full));
            return 0;
        });
        return command;
    }

    private static void Print(SearchIndex index, string question, SearchOptions options, bool full)
    {
        var response = index.Search(question, options);
        if (response.NothingToSearch)
        {
            Console.WriteLine("这个问题里没有可以检索的词。请用文字描述你想知道的内容。");
            return;
        }
        if (response.Hits.Count == 0)
        {
            Console.WriteLine("没有找到相关的段落。可以换个说法，或只用几个关键词再试。");
            Console.WriteLine("现有的转录稿：");
            foreach (var document in index.Documents)
                Console.WriteLine($"  · {document.Title}（{document.Source}）");
            return;
        }

        var color = TerminalText.UseColor;
        foreach (var (hit, shown) in QuotedHit.Shown(response.Hits, 0, full ? int.MaxValue : PassageQuoter.MaxLength))
        {
            var passage = hit.Passage;
            Console.WriteLine($"[{hit.Rank}] {passage.Title}{(passage.Section is null ? "" : $" · {passage.Section}")}");
            Console.WriteLine(TerminalText.Mark(shown.Text, shown.Bold, color));
            var url = passage.Link is null ? "" : $" · {passage.Link}";
            Console.WriteLine($"—— 出处：{passage.Source} · {passage.Locator}{url}");
            if (hit.Explanation is not null)
                Console.WriteLine($"   ({hit.Explanation})");
            Console.WriteLine();
        }
    }
}
