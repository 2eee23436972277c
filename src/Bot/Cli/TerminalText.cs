using System.Text;
using Bot.Search.Ranking;

namespace Bot.Cli;

/// <summary>Marks the question's terms in a passage for a terminal: bold yellow, or 【】 when output is not a terminal.</summary>
internal static class TerminalText
{
    public static bool UseColor => !Console.IsOutputRedirected && Environment.GetEnvironmentVariable("NO_COLOR") is null;

    public static string Mark(string text, IReadOnlyList<TextSpan> spans, bool color)
    {
        var (open, close) = color ? ("\u001b[1;33m", "\u001b[0m") : ("【", "】");
        var result = new StringBuilder(text.Length + spans.Count * 8);
        var at = 0;
        foreach (var span in spans)
        {
            if (span.Start < at || span.End > text.Length)
                continue;
            result.Append(text, at, span.Start - at).Append(open).Append(text, span.Start, span.Length).Append(close);
            at = span.End;
        }
        return result.Append(text, at, text.Length - at).ToString();
    }
}
