using System.CommandLine;
using System.Text;
using Bot;
using Bot.Cli;
using Bot.Settings;

Console.OutputEncoding = Encoding.UTF8;
Console.InputEncoding = Encoding.UTF8;

var settings = BotSettings.Load();
var root = new RootCommand("中文转录稿问答机器人：在 Discord 中用转录稿回答问题。")
{
    ServeCommand.Create(settings),
    AskCommand.Create(settings),
    SearchCommand.Create(settings),
    IndexCommand.Create(settings),
    ReportCommand.Create(settings),
    EvalCommand.Create(settings),
    BenchCommand.Create(),
    BenchCommand.CreateProbe(),
};
root.SetAction((_, cancellationToken) => ServeCommand.RunAsync(settings, cancellationToken));
ChineseCommandLine.Apply(root);

var parsed = root.Parse(args);
if (!ChineseCommandLine.IsHelp(parsed))
{
    if (ChineseCommandLine.Error(parsed) is { } mistake)
    {
        Console.Error.WriteLine($"错误：{mistake}（用 --help 查看用法）");
        return 2;
    }
    // Settings are checked before any command runs, the same way for every command.
    if (parsed.Action == parsed.CommandResult.Command.Action && !ChineseCommandLine.IsHelpCommand(parsed) && SettingsValidator.Check(settings, ServeCommand.UseOf(parsed.CommandResult.Command)) is { } problem)
    {
        Console.Error.WriteLine($"错误：{problem}");
        return 2;
    }
}
try
{
    return await parsed.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (Exception e) when (e is UsageException or DirectoryNotFoundException or FileNotFoundException or FormatException)
{
    Console.Error.WriteLine($"错误：{e.Message}");
    return 2;
}
catch (Bot.Search.Index.IndexingException e)
{
    Console.Error.WriteLine($"出错了：索引没有更新，原来的索引保持不变。{IndexText.Failure(e)}");
    return 1;
}
catch (Exception e)
{
    // Where it happened, for the bug report: the innermost frame of our own code.
    var where = new System.Diagnostics.StackTrace(e, fNeedFileInfo: false).GetFrames()
        .Select(f => f.GetMethod()).FirstOrDefault(m => m?.DeclaringType?.Namespace?.StartsWith("Bot", StringComparison.Ordinal) == true);
    Console.Error.WriteLine($"出错了：{e.GetType().Name}: {e.Message}{(where is null ? "" : $"（在 {where.DeclaringType!.Name}.{where.Name}）")}");
    return 1;
}
