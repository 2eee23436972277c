using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Text;

namespace Bot.Cli;

/// <summary>
/// System.CommandLine in Chinese: its help and its parse errors are rendered here, from the command tree, because its
/// own texts (and its zh-Hans resources, which leave most of them in English) are not. Also the <c>help</c> command.
/// </summary>
internal static class ChineseCommandLine
{
    /// <summary>Chinese help for <c>--help</c>, <c>-h</c>, <c>-?</c> and <c>help [命令]</c>; Chinese descriptions of the built-in options.</summary>
    public static void Apply(RootCommand root)
    {
        foreach (var option in root.Options)
        {
            if (option is HelpOption help)
            {
                help.Description = "显示帮助";
                help.Action = new ShowHelp();
            }
            else if (option is VersionOption version)
            {
                version.Description = "显示版本";
            }
        }

        var name = new Argument<string?>("command") { HelpName = "命令", Description = "要看说明的命令", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("help", "显示帮助：help 命令 显示那个命令的说明。") { name };
        command.SetAction(result =>
        {
            var wanted = result.GetValue(name);
            if (wanted is null)
            {
                Console.Out.Write(Help(root));
                return 0;
            }
            var target = root.Subcommands.FirstOrDefault(c => !c.Hidden && c.Name == wanted);
            if (target is null)
                throw new UsageException($"没有「{wanted}」这个命令；可用的命令：{CommandList(root)}");
            Console.Out.Write(Help(target));
            return 0;
        });
        root.Subcommands.Add(command);
    }

    public static bool IsHelp(ParseResult parsed) => parsed.Action is ShowHelp;

    /// <summary>The <c>help</c> command: it reads no settings, so bad ones do not stop it.</summary>
    public static bool IsHelpCommand(ParseResult parsed) => parsed.CommandResult.Command.Name == "help" && parsed.CommandResult.Parent is CommandResult { Command: RootCommand };

    /// <summary>The first mistake on the command line, as one Chinese line; null when there is none.</summary>
    public static string? Error(ParseResult parsed)
    {
        var command = parsed.CommandResult.Command;
        var unmatched = parsed.UnmatchedTokens;

        if (unmatched.FirstOrDefault(IsOptionLike) is { } unknownOption)
            return UnknownOption(command, unknownOption);
        // An option-like word taken as the question: a mistyped option (after "--" it is the question itself).
        var literal = parsed.Tokens.Any(t => t.Type == TokenType.DoubleDash);
        foreach (var argument in command.Arguments.Where(_ => !literal))
        {
            if (parsed.GetResult(argument)?.Tokens.FirstOrDefault(t => IsOptionLike(t.Value)) is { } dashed)
                return UnknownOption(command, dashed.Value);
        }
        if (command is RootCommand && unmatched.Count > 0)
            return $"没有「{unmatched[0]}」这个命令；可用的命令：{CommandList((RootCommand)command)}";

        foreach (var option in OptionsOf(parsed.CommandResult))
        {
            var result = parsed.GetResult(option);
            if (option.Required && (result is null || result.Implicit))
                return $"{command.Name} 需要选项 {option.Name}（{option.Description}）";
            if (result is null || result.Implicit)
                continue;
            if (result.Tokens.Count == 0 && option.Arity.MinimumNumberOfValues > 0)
                return $"选项 {option.Name} 后面缺少{ValueKind(option.ValueType)}（{option.Description}）";
            if (parsed.Errors.Any(e => e.SymbolResult == result || e.SymbolResult?.Parent == result))
                return $"选项 {option.Name} 的值「{string.Join(" ", result.Tokens.Select(t => t.Value))}」不是{ValueKind(option.ValueType)}（{option.Description}）";
        }

        foreach (var argument in command.Arguments)
        {
            var result = parsed.GetResult(argument);
            if ((result is null || result.Tokens.Count == 0) && argument.Arity.MinimumNumberOfValues > 0 && !argument.HasDefaultValue)
                return $"{command.Name} 后面缺少{Label(argument)}（{argument.Description}），例如：{Example(command)}";
        }

        if (unmatched.Count > 0)
            return $"多余的参数「{unmatched[0]}」：{command.Name} 只接受 {Usage(command)}；含空格的问题请加引号";

        // Validation errors this program adds are Chinese already; the framework's would be its last resort.
        return parsed.Errors.Count > 0 ? parsed.Errors[0].Message : null;
    }

    /// <summary>The help of a command: usage, description, arguments, options, subcommands; every line in Chinese.</summary>
    public static string Help(Command command)
    {
        var text = new StringBuilder();
        text.AppendLine(command.Description);
        text.AppendLine();
        text.AppendLine($"用法：{Usage(command)}");

        if (command.Arguments.Count > 0)
        {
            text.AppendLine();
            text.AppendLine("参数：");
            Table(text, command.Arguments.Select(a => ($"<{Label(a)}>", a.Description ?? "")));
        }

        var options = OptionsIn(command).Where(o => !o.Hidden).ToList();
        if (options.Count > 0)
        {
            text.AppendLine();
            text.AppendLine("选项：");
            Table(text, options.Select(o => (OptionTerm(o), OptionDescription(o))));
        }

        var subcommands = command.Subcommands.Where(c => !c.Hidden).ToList();
        if (subcommands.Count > 0)
        {
            text.AppendLine();
            text.AppendLine("命令：");
            Table(text, subcommands.Select(c => (string.Join(" ", new[] { c.Name }.Concat(c.Arguments.Select(a => $"<{Label(a)}>"))), c.Description ?? "")));
            text.AppendLine();
            text.AppendLine($"不写命令时运行 serve。每个命令的说明：{command.Name} 命令 --help，或 {command.Name} help 命令。");
        }
        return text.ToString();
    }

    private static string UnknownOption(Command command, string token)
    {
        var known = OptionsIn(command).Where(o => !o.Hidden).Select(o => o.Name).ToList();
        return $"没有「{token}」这个选项；{command.Name} 的选项有 {string.Join("、", known)}";
    }

    private static bool IsOptionLike(string token) => token.Length > 1 && token[0] == '-' && !char.IsDigit(token[1]);

    /// <summary>The options that apply to a command: its own and the recursive ones of its parents (help).</summary>
    private static IEnumerable<Option> OptionsOf(CommandResult result) => OptionsIn(result.Command);

    private static IEnumerable<Option> OptionsIn(Command command)
    {
        var own = command.Options.ToList();
        foreach (var parent in command.Parents.OfType<Command>())
            own.AddRange(parent.Options.Where(o => o.Recursive && !own.Contains(o)));
        return own;
    }

    private static string Usage(Command command)
    {
        var path = new List<string>();
        for (Symbol? symbol = command; symbol is Command c; symbol = c.Parents.FirstOrDefault())
            path.Insert(0, c.Name);
        var parts = new List<string>(path);
        parts.AddRange(command.Arguments.Select(a => a.Arity.MinimumNumberOfValues > 0 ? $"<{Label(a)}>" : $"[<{Label(a)}>]"));
        if (command.Subcommands.Any(c => !c.Hidden))
            parts.Add("[命令]");
        if (OptionsIn(command).Any(o => !o.Hidden))
            parts.Add("[选项]");
        return string.Join(" ", parts);
    }

    private static string Example(Command command) => command.Name switch
    {
        "ask" => "ask \"为什么 Schulman 离开 OpenAI?\"",
        "search" => "search \"数据墙\"",
        _ => Usage(command),
    };

    private static string Label(Argument argument) => argument.HelpName ?? argument.Name;

    private static string OptionTerm(Option option)
    {
        var names = option.Aliases.Where(a => !a.StartsWith('/')).Order(StringComparer.Ordinal).Append(option.Name);
        var value = option.ValueType == typeof(bool) || option.Arity.MaximumNumberOfValues == 0 ? "" : $" <{option.HelpName ?? ValueKind(option.ValueType)}>";
        return string.Join(", ", names) + value;
    }

    private static string OptionDescription(Option option)
    {
        var description = option.Description ?? "";
        if (option.Required)
            description += "（必填）";
        else if (option.HasDefaultValue && option.ValueType != typeof(bool) && option.GetDefaultValue() is { } value)
            description += $"（默认 {Convert.ToString(value, CultureInfo.InvariantCulture)}）";
        return description;
    }

    private static string ValueKind(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type == typeof(int) || type == typeof(long) ? "整数"
            : type == typeof(bool) ? "true 或 false"
            : type == typeof(FileInfo) ? "文件"
            : type == typeof(DirectoryInfo) ? "文件夹"
            : "值";
    }

    private static string CommandList(RootCommand root) => string.Join("、", root.Subcommands.Where(c => !c.Hidden).Select(c => c.Name));

    private static void Table(StringBuilder text, IEnumerable<(string Term, string Description)> rows)
    {
        var list = rows.ToList();
        var width = list.Max(r => DisplayWidth(r.Term));
        foreach (var (term, description) in list)
            text.Append("  ").Append(term).Append(' ', width - DisplayWidth(term) + 2).AppendLine(description);
    }

    /// <summary>Columns as a terminal shows them: CJK characters take two.</summary>
    private static int DisplayWidth(string text) => text.Sum(c => c >= '\u1100' && (c <= '\u115f' || (c >= '\u2e80' && c <= '\ua4cf') || (c >= '\uac00' && c <= '\ud7a3') || (c >= '\uf900' && c <= '\ufaff') || (c >= '\uff00' && c <= '\uff60')) ? 2 : 1);

    private sealed class ShowHelp : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            Console.Out.Write(Help(parseResult.CommandResult.Command));
            return 0;
        }
    }
}
