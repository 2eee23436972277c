using System.Globalization;
using System.Text.RegularExpressions;

namespace Bot.Search.Corpus;

/// <summary>
/// Links that open a video at a passage's moment: YouTube (<c>youtube.com/watch?v=</c> gets <c>&amp;t=754s</c>,
/// <c>youtu.be/</c> gets <c>?t=754</c>) and Bilibili (<c>bilibili.com/video/BV…</c> gets <c>?t=754</c>); any other
/// address is left as it is, and so is a link that already names a time.
/// </summary>
public static partial class MomentLinks
{
    /// <summary>The start of a passage whose locator begins with (or holds) a time: "00:12:34–00:13:05", "最佳拍档 · 00:12:34 · 第 3 段".</summary>
    public static TimeSpan? StartOf(string locator)
    {
        var m = TimePattern().Match(locator);
        if (!m.Success)
            return null;
        var hours = m.Groups["h"].Success ? int.Parse(m.Groups["h"].Value, CultureInfo.InvariantCulture) : 0;
        return new TimeSpan(hours, int.Parse(m.Groups["m"].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups["s"].Value, CultureInfo.InvariantCulture));
    }

    /// <summary>The address opened at <paramref name="start"/>, for the video sites that take a time in the link.</summary>
    public static string? At(string? url, TimeSpan? start)
    {
        if (url is null || start is not { } time || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || HasTime(uri.Query))
            return url;
        var seconds = ((long)time.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        var host = uri.Host.ToLowerInvariant();
        if (host is "youtu.be" && uri.AbsolutePath.Length > 1)
            return WithParameter(url, "t=" + seconds);
        if ((host is "youtube.com" || host.EndsWith(".youtube.com", StringComparison.Ordinal)) && uri.AbsolutePath == "/watch" && uri.Query.Contains("v=", StringComparison.Ordinal))
            return WithParameter(url, "t=" + seconds + "s");
        if ((host is "bilibili.com" || host.EndsWith(".bilibili.com", StringComparison.Ordinal)) && BilibiliVideo().IsMatch(uri.AbsolutePath))
            return WithParameter(url, "t=" + seconds);
        return url;
    }

    private static bool HasTime(string query) => query.TrimStart('?').Split('&').Any(p => p.StartsWith("t=", StringComparison.Ordinal));

    /// <summary>A parameter added before any fragment: <c>?</c> when the link has no query yet, <c>&amp;</c> otherwise.</summary>
    private static string WithParameter(string url, string parameter)
    {
        var hash = url.IndexOf('#');
        var (head, fragment) = hash < 0 ? (url, "") : (url[..hash], url[hash..]);
        return head + (head.Contains('?') ? "&" : "?") + parameter + fragment;
    }

    [GeneratedRegex(@"(?<![\d:])(?:(?<h>\d{1,2}):)?(?<m>[0-5]?\d):(?<s>[0-5]\d)(?![\d:])")]
    private static partial Regex TimePattern();

    [GeneratedRegex(@"^/video/BV[0-9A-Za-z]{10}/?$")]
    private static partial Regex BilibiliVideo();
}
