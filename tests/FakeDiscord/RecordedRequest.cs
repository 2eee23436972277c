using System.Text.Json;

namespace FakeDiscord;

/// <summary>A REST request the fake received, and the status it answered with.</summary>
/// <param name="Index">Arrival order (1-based), even when requests finish out of order.</param>
/// <param name="Path">Without <c>/api/v10</c> and without the query, e.g. <c>/channels/1/messages</c>.</param>
/// <param name="ReceivedAt">Time since the server started.</param>
/// <param name="StatusCode">0 when the fake dropped the connection instead of answering.</param>
public sealed record RecordedRequest(
    long Index,
    string Method,
    string Path,
    string Query,
    IReadOnlyDictionary<string, string> Headers,
    JsonElement? Body,
    TimeSpan ReceivedAt,
    int StatusCode)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    /// <summary>Whether this request matches a pattern like <c>POST /channels/{channel_id}/messages</c> (<c>{…}</c> or <c>*</c> match one segment).</summary>
    public bool Matches(string pattern) => RoutePattern.Matches(pattern, Method, Path);

    public override string ToString() => $"#{Index} {Method} {Path} -> {StatusCode}";
}

internal static class RoutePattern
{
    public static bool Matches(string pattern, string method, string path)
    {
        var space = pattern.IndexOf(' ');
        if (space < 0 || (pattern[..space] != "*" && !pattern[..space].Equals(method, StringComparison.OrdinalIgnoreCase)))
        {
            return false;
        }

        var expected = pattern[(space + 1)..].Trim('/').Split('/');
        var actual = path.Trim('/').Split('/');
        return expected.Length == actual.Length
            && expected.Zip(actual).All(p => p.First == "*" || (p.First.StartsWith('{') && p.First.EndsWith('}')) || p.First == p.Second);
    }
}
