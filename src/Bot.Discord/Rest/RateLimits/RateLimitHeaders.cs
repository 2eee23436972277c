using System.Globalization;
using System.Net.Http.Headers;

namespace Bot.Discord.Rest.RateLimits;

/// <summary>The <c>X-RateLimit-*</c> and <c>Retry-After</c> headers of one response (developers/topics/rate-limits.mdx).</summary>
internal readonly record struct RateLimitHeaders(
    bool Present,
    int? Remaining,
    TimeSpan? ResetAfter,
    string? Bucket,
    bool Global,
    string? Scope,
    TimeSpan? RetryAfter)
{
    public static RateLimitHeaders Read(HttpResponseHeaders headers)
    {
        var present = false;
        foreach (var header in headers)
        {
            if (header.Key.StartsWith("X-RateLimit-", StringComparison.OrdinalIgnoreCase))
            {
                present = true;
                break;
            }
        }

        return new RateLimitHeaders(
            present,
            int.TryParse(Value(headers, "X-RateLimit-Remaining"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var remaining) ? remaining : null,
            Seconds(Value(headers, "X-RateLimit-Reset-After")),
            Value(headers, "X-RateLimit-Bucket"),
            string.Equals(Value(headers, "X-RateLimit-Global"), "true", StringComparison.OrdinalIgnoreCase),
            Value(headers, "X-RateLimit-Scope"),
            Seconds(Value(headers, "Retry-After")));
    }

    private static string? Value(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    private static TimeSpan? Seconds(string? value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0
            ? TimeSpan.FromSeconds(seconds)
            : null;
}
