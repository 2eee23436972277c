using System.Text;
using System.Text.RegularExpressions;
using Bot.Localization;
using Bot.Search.Ranking;

namespace Bot.Answers;

/// <summary>
/// Transcript text made safe to show on Discord: Markdown and mentions escaped so it displays as written,
/// the question's terms in bold, and cut at a sentence boundary to fit a length.
/// </summary>
internal static partial class DiscordText
{
    /// <summary>
    /// Escapes Markdown and defuses mentions, so the text shows exactly as written and pings no one. Direction
    /// overrides and isolates (U+202A–U+202E, U+2066–U+2069) are dropped: in a question echoed back they would make
    /// the rest of the line display reversed, as something the asker did not write.
    /// </summary>
    public static string Escape(string text)
    {
        var result = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            if (IsDirectionControl(c))
                continue;
            if (c is not '@' && NeedsEscape(c))
                result.Append('\\');
            result.Append(c);
        }
        // @everyone, @here and <@id> stay visible but can never notify: a zero-width joiner breaks the syntax.
        return EveryoneOrHere().Replace(result.ToString(), "@\u200B$1");
    }

    /// <summary>
    /// Text shown as inline code (a file name, the prefix), cut to <paramref name="maxLength"/>. Discord shows code
    /// spans literally, backslashes included, so nothing inside is escaped; a backtick in the text gets the
    /// double-backtick form, and mentions in code never notify.
    /// </summary>
    public static string Code(string text, int maxLength = int.MaxValue)
    {
        if (text.Length > maxLength)
        {
            var cut = Math.Max(0, maxLength - 1);
            if (cut > 0 && char.IsHighSurrogate(text[cut - 1]))
                cut--;
            text = text[..cut] + "…";
        }
        return text.Contains('`') ? $"`` {text.Replace("``", "`\u200B`")} ``" : $"`{text}`";
    }

    /// <summary>The passage escaped, the highlighted spans in bold, cut at a sentence boundary within <paramref name="maxLength"/>.</summary>
    public static string Highlighted(string text, IReadOnlyList<TextSpan> highlights, int maxLength)
    {
        var cut = CutPoint(text, maxLength);
        var result = new StringBuilder();
        var at = 0;
        foreach (var span in highlights)
        {
            if (span.Start < at || span.End > cut)
                continue;
            result.Append(Escape(text[at..span.Start])).Append("**").Append(Escape(text[span.Start..span.End])).Append("**");
            at = span.End;
        }
        result.Append(Escape(text[at..cut]));
        if (cut < text.Length)
            result.Append('…');
        return result.ToString();
    }

    /// <summary>Plain text cut at a sentence boundary to fit, escaped.</summary>
    public static string Truncated(string text, int maxLength)
    {
        var cut = CutPoint(text, maxLength);
        return Escape(text[..cut]) + (cut < text.Length ? "…" : "");
    }

    /// <summary>
    /// Appends the lines of a list while they fit in <paramref name="maxLength"/> in all, then says how many did not.
    /// </summary>
    public static void AppendList(StringBuilder text, IReadOnlyList<string> lines, int maxLength)
    {
        for (var i = 0; i < lines.Count; i++)
        {
            var leftOut = string.Format(Strings.MoreLeftOut, lines.Count - i);
            var roomForNote = i == lines.Count - 1 ? 0 : leftOut.Length + 4;
            if (text.Length + lines[i].Length + roomForNote > maxLength)
            {
                text.Append(leftOut);
                return;
            }
            text.Append(lines[i]);
        }
    }

    /// <summary>
    /// Where to cut so that the escaped text (and an ellipsis) fits in <paramref name="maxLength"/>: the last
    /// sentence end in the second half of what fits, else the last clause mark there, else as much as fits.
    /// </summary>
    public static int CutPoint(string text, int maxLength)
    {
        if (EscapedLength(text, text.Length) <= maxLength)
            return text.Length;
        int fits = 0, used = 0;
        while (fits < text.Length && used + (NeedsEscape(text[fits]) ? 2 : 1) <= maxLength - 1)
            used += NeedsEscape(text[fits++]) ? 2 : 1;
        for (var i = fits - 1; i >= fits / 2; i--)
            if (text[i] is '。' or '！' or '？' or '!' or '?' or '；' or '\n')
                return i + 1;
        for (var i = fits - 1; i >= fits / 2; i--)
            if (text[i] is '，' or ',' or '、' or ' ')
                return i + 1;
        return fits > 0 && char.IsHighSurrogate(text[fits - 1]) ? fits - 1 : fits;
    }

    private static int EscapedLength(string text, int length)
    {
        var total = 0;
        for (var i = 0; i < length; i++)
            total += NeedsEscape(text[i]) ? 2 : 1;
        return total;
    }

    private static bool IsDirectionControl(char c) => c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069';

    /// <summary>Characters that take a backslash, or (@) a zero-width space, when escaped.</summary>
    private static bool NeedsEscape(char c) => c is '\\' or '*' or '_' or '~' or '`' or '|' or '>' or '#' or '-' or '[' or ']' or '<' or '@';

    [GeneratedRegex(@"@\\?(everyone|here)")]
    private static partial Regex EveryoneOrHere();
}
