using System.Globalization;
using System.Text.RegularExpressions;

namespace Bot.Search.Corpus;

/// <summary>Time marks that open the lines of a text transcript: "[00:12:34] …", "12:34 …", "(1:02:03) …".</summary>
internal static partial class TimeMarks
{
    /// <summary>A transcript marks times when at least two of its lines open with one (a single "12:30" may be a clock time).</summary>
    public static bool AreUsed(IEnumerable<string> lines) => lines.Count(l => Mark().IsMatch(l.TrimStart())) >= 2;

    /// <summary>The time a line opens with, and the rest of the line; null when it opens with none.</summary>
    public static (TimeSpan Time, string Text)? Take(string line)
    {
        var m = Mark().Match(line);
        if (!m.Success)
            return null;
        var hours = m.Groups["h"].Success ? int.Parse(m.Groups["h"].Value, CultureInfo.InvariantCulture) : 0;
        var time = new TimeSpan(hours, int.Parse(m.Groups["m"].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups["s"].Value, CultureInfo.InvariantCulture));
        return (time, line[m.Length..].Trim());
    }

    [GeneratedRegex(@"^[\[(（【]?(?:(?<h>\d{1,2}):)?(?<m>[0-5]?\d):(?<s>[0-5]\d)(?:[.,]\d{1,3})?(?:[\])）】]\s*|\s+|$)")]
    private static partial Regex Mark();
}
