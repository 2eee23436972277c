using System.Globalization;
using System.Text.Json.Nodes;

namespace FakeDiscord;

/// <summary>A scripted answer for the next request(s) on a route; see <see cref="FakeRest.Enqueue(string, FakeResponse, int)"/>.</summary>
public sealed class FakeResponse
{
    private FakeResponse()
    {
    }

    internal int Status { get; private init; }
    internal JsonNode? Body { get; private init; }
    internal IReadOnlyDictionary<string, string> Headers { get; private init; } = new Dictionary<string, string>();
    internal TimeSpan Delay { get; private init; }
    internal Task? HeldUntil { get; private init; }

    /// <summary>Handle the request as usual (after <see cref="Delay"/>, adding <see cref="Headers"/>).</summary>
    internal bool PassThrough { get; private init; }

    /// <summary>Handle the request (state changes happen) but drop the connection instead of answering.</summary>
    internal bool LoseResponse { get; private init; }

    public static FakeResponse Json(int status, JsonNode? body) => new() { Status = status, Body = body };

    /// <summary>Discord's error shape: <c>{"message": …, "code": …}</c>.</summary>
    public static FakeResponse Error(int status, int code, string message) =>
        new() { Status = status, Body = new JsonObject { ["message"] = message, ["code"] = code } };

    public static FakeResponse ServerError(int status = 503) =>
        new() { Status = status, Body = new JsonObject { ["message"] = "Service unavailable", ["code"] = 0 } };

    /// <param name="withHeaders">False imitates a Cloudflare block: a 429 without any X-RateLimit-* header.</param>
    public static FakeResponse RateLimited(double retryAfterSeconds, bool global = false, bool withHeaders = true, string bucket = "fake-bucket")
    {
        var seconds = retryAfterSeconds.ToString("0.###", CultureInfo.InvariantCulture);
        var headers = new Dictionary<string, string> { ["Retry-After"] = Math.Ceiling(retryAfterSeconds).ToString(CultureInfo.InvariantCulture) };
        if (withHeaders && global)
        {
            headers["X-RateLimit-Global"] = "true";
            headers["X-RateLimit-Scope"] = "global";
        }
        else if (withHeaders)
        {
            headers["X-RateLimit-Limit"] = "5";
            headers["X-RateLimit-Remaining"] = "0";
            headers["X-RateLimit-Reset-After"] = seconds;
            headers["X-RateLimit-Bucket"] = bucket;
            headers["X-RateLimit-Scope"] = "user";
        }

        var body = withHeaders
            ? new JsonObject { ["message"] = "You are being rate limited.", ["retry_after"] = retryAfterSeconds, ["global"] = global }
            : null;
        return new FakeResponse { Status = 429, Body = body, Headers = headers };
    }

    /// <summary>Answer normally, after a delay.</summary>
    public static FakeResponse Delayed(TimeSpan delay) => new() { PassThrough = true, Delay = delay };

    /// <summary>Answer normally once <paramref name="release"/> completes: a slow Discord that is slow for as long as the test needs.</summary>
    public static FakeResponse Held(Task release) => new() { PassThrough = true, HeldUntil = release };

    /// <summary>Answer normally, with these rate-limit headers (e.g. remaining 0 to make the client wait for the reset).</summary>
    public static FakeResponse WithRateLimitHeaders(int remaining, double resetAfterSeconds, string bucket = "fake-bucket", int limit = 5) =>
        new()
        {
            PassThrough = true,
            Headers = new Dictionary<string, string>
            {
                ["X-RateLimit-Limit"] = limit.ToString(CultureInfo.InvariantCulture),
                ["X-RateLimit-Remaining"] = remaining.ToString(CultureInfo.InvariantCulture),
                ["X-RateLimit-Reset-After"] = resetAfterSeconds.ToString("0.###", CultureInfo.InvariantCulture),
                ["X-RateLimit-Bucket"] = bucket,
            },
        };

    /// <summary>Process the request (a message is created) but cut the connection before answering: the client cannot know it worked.</summary>
    public static FakeResponse LostResponse() => new() { PassThrough = true, LoseResponse = true };
}
