using System.Text.RegularExpressions;

namespace Bot.Search.Corpus;

/// <summary>Markdown reduced to the text a reader sees: headings and list items marked, links and emphasis unwrapped, code fences and images dropped.</summary>
internal static partial class MarkdownText
{
    public static string? Clean(string line, ref bool inFence, out bool isHeading, out bool isListItem)
    {
        isHeading = false;
        isListItem = false;
        var t = line.Trim();
        if (t.StartsWith("```") || t.StartsWith("~~~"))
        {
            inFence = !inFence;
            return null;
        }
        if (inFence)
            return t;
        var heading = HeadingPattern().Match(t);
        if (heading.Success)
        {
            isHeading = true;
            t = heading.Groups[1].Value;
        }
        isListItem = !isHeading && ListItem().IsMatch(t);
        t = Image().Replace(t, "");
        t = Link().Replace(t, "$1");
        t = ListMarker().Replace(t, "");
        t = Emphasis().Replace(t, "$2");
        t = HtmlTag().Replace(t, "");
        return t.Trim();
    }

    [GeneratedRegex(@"^#{1,6}\s+(.*?)\s*#*$")]
    private static partial Regex HeadingPattern();

    [GeneratedRegex(@"!\[[^\]]*\]\([^)]*\)")]
    private static partial Regex Image();

    [GeneratedRegex(@"\[([^\]]+)\]\(([^)]*)\)")]
    private static partial Regex Link();

    [GeneratedRegex(@"^(?:>\s*)+|^(?:[-*+]|\d+[.)])\s+")]
    private static partial Regex ListMarker();

    [GeneratedRegex(@"^(?:[-*+]|\d+[.)])\s+\S")]
    private static partial Regex ListItem();

    [GeneratedRegex(@"(\*\*|__|\*|_|`|~~)(.+?)\1")]
    private static partial Regex Emphasis();

    [GeneratedRegex(@"<[^>\n]+>")]
    private static partial Regex HtmlTag();
}
