using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace FakeDiscord;

/// <summary>
/// The HTTP side of the fake: authentication, optional enforced rate limits, per-route scripted answers, realistic
/// default handlers (<see cref="FakeRestHandlers"/>) and a record of every request.
/// </summary>
public sealed class FakeRest
{
    private readonly FakeDiscordOptions _options;
    private readonly ServerClock _clock;
    private readonly FakeRestHandlers _handlers;
    private readonly object _scriptsGate = new();
    private readonly List<Script> _scripts = [];
    private readonly List<RateLimitRule> _rules = [];
    private readonly object _globalGate = new();
    private long _index;
    private long _globalWindow = -1;
    private int _globalCount;
    private int _violations;

    internal FakeRest(FakeDiscordOptions options, ServerClock clock, FakeRestHandlers handlers)
    {
        _options = options;
        _clock = clock;
        _handlers = handlers;
    }

    public RecordLog<RecordedRequest> Requests { get; } = new();

    /// <summary>Requests per second allowed outside interaction routes before a global 429; null (default) imposes none.</summary>
    public int? GlobalRequestsPerSecond { get; set; }

    /// <summary>429s the fake had to send because a client exceeded an enforced limit (scripted 429s do not count).</summary>
    public int RateLimitViolations => Volatile.Read(ref _violations);

    /// <summary>
    /// The next <paramref name="times"/> requests matching <paramref name="routePattern"/> (e.g. <c>POST /channels/{channel_id}/messages</c>,
    /// or a concrete path) get <paramref name="response"/> instead of, or in addition to, the normal handling.
    /// </summary>
    public void Enqueue(string routePattern, FakeResponse response, int times = 1) =>
        Enqueue(r => RoutePattern.Matches(routePattern, r.Method, r.Path), response, times);

    public void Enqueue(Func<(string Method, string Path), bool> match, FakeResponse response, int times = 1)
    {
        lock (_scriptsGate)
        {
            _scripts.Add(new Script(match, response, times));
        }
    }

    /// <summary>Enforces a Discord-like bucket: <paramref name="limit"/> requests per <paramref name="window"/> per top-level resource, with headers and 429s.</summary>
    public void AddRateLimit(string routePattern, int limit, TimeSpan window, string? bucket = null)
    {
        lock (_scriptsGate)
        {
            _rules.Add(new RateLimitRule(routePattern, limit, window, bucket ?? Guid.NewGuid().ToString("N")[..12]));
        }
    }

    public Task<RecordedRequest> WaitForRequestAsync(Func<RecordedRequest, bool> predicate, TimeSpan? timeout = null) =>
        Requests.WaitAsync(predicate, timeout, "REST request");

    public Task<RecordedRequest> WaitForRequestAsync(string routePattern, TimeSpan? timeout = null) =>
        Requests.WaitAsync(r => r.Matches(routePattern), timeout, routePattern);

    public Task<IReadOnlyList<RecordedRequest>> WaitForRequestsAsync(string routePattern, int count, TimeSpan? timeout = null) =>
        Requests.WaitForCountAsync(r => r.Matches(routePattern), count, timeout, routePattern);

    internal async Task HandleAsync(HttpContext context, string path)
    {
        var index = Interlocked.Increment(ref _index);
        var receivedAt = _clock.Elapsed;
        var method = context.Request.Method;
        var (bodyElement, bodyNode, bodyValid) = await ReadBodyAsync(context.Request).ConfigureAwait(false);
        var script = TakeScript(method, path);
        if (script?.Delay > TimeSpan.Zero)
        {
            await Task.Delay(script.Delay, _clock.Time).ConfigureAwait(false);
        }

        if (script?.HeldUntil is { } release)
        {
            await release.ConfigureAwait(false);
        }

        var headers = new Dictionary<string, string>();
        FakeResult result;
        if (script is { PassThrough: false })
        {
            result = new FakeResult(script.Status, script.Body);
        }
        else if (!Authorized(path, context.Request.Headers.Authorization.ToString()))
        {
            result = FakeResult.Error(401, 0, "401: Unauthorized");
        }
        else if (!bodyValid)
        {
            result = FakeResult.Error(400, 50109, "The request body contains invalid JSON.");
        }
        else if (OverGlobalLimit(path) is { } globalLimited)
        {
            result = globalLimited;
            headers["X-RateLimit-Global"] = "true";
            headers["X-RateLimit-Scope"] = "global";
            headers["Retry-After"] = "1";
        }
        else if (ApplyRules(method, path, headers) is { } limited)
        {
            result = limited;
        }
        else
        {
            result = _handlers.Handle(new FakeRequest(method, path, context.Request.Query, bodyNode));
        }

        foreach (var (name, value) in script?.Headers ?? new Dictionary<string, string>())
        {
            headers[name] = value;
        }

        var lost = script?.LoseResponse == true;
        Record(index, context, method, path, bodyElement, receivedAt, lost ? 0 : result.Status);
        if (lost)
        {
            context.Abort();
            return;
        }

        context.Response.StatusCode = result.Status;
        foreach (var (name, value) in headers)
        {
            context.Response.Headers[name] = value;
        }

        if (result.Body is not null && result.Status != 204)
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(result.Body.ToJsonString()).ConfigureAwait(false);
        }
    }

    private static async Task<(JsonElement? Element, JsonNode? Node, bool Valid)> ReadBodyAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer).ConfigureAwait(false);
        if (buffer.Length == 0)
        {
            return (null, null, true);
        }

        try
        {
            var bytes = buffer.ToArray();
            using var document = JsonDocument.Parse(bytes);
            return (document.RootElement.Clone(), JsonNode.Parse(bytes), true);
        }
        catch (JsonException)
        {
            return (null, null, false);
        }
    }

    private FakeResponse? TakeScript(string method, string path)
    {
        lock (_scriptsGate)
        {
            var script = _scripts.FirstOrDefault(s => s.Match((method, path)));
            if (script is null)
            {
                return null;
            }

            if (--script.Remaining == 0)
            {
                _scripts.Remove(script);
            }

            return script.Response;
        }
    }

    /// <summary>Interaction callbacks and interaction webhooks authenticate with their token in the URL.</summary>
    private bool Authorized(string path, string authorization) =>
        _options.Token is null
        || path.StartsWith("/interactions/", StringComparison.Ordinal)
        || path.StartsWith("/webhooks/", StringComparison.Ordinal)
        || authorization == "Bot " + _options.Token;

    private FakeResult? OverGlobalLimit(string path)
    {
        if (GlobalRequestsPerSecond is not { } perSecond || path.StartsWith("/interactions/", StringComparison.Ordinal) || path.StartsWith("/webhooks/", StringComparison.Ordinal))
        {
            return null;
        }

        lock (_globalGate)
        {
            var second = (long)_clock.Elapsed.TotalSeconds;
            if (second != _globalWindow)
            {
                (_globalWindow, _globalCount) = (second, 0);
            }

            if (++_globalCount <= perSecond)
            {
                return null;
            }
        }

        Interlocked.Increment(ref _violations);
        return new FakeResult(429, new JsonObject { ["message"] = "You are being rate limited.", ["retry_after"] = 1.0, ["global"] = true });
    }

    private FakeResult? ApplyRules(string method, string path, Dictionary<string, string> headers)
    {
        RateLimitRule[] rules;
        lock (_scriptsGate)
        {
            rules = _rules.Where(r => RoutePattern.Matches(r.Pattern, method, path)).ToArray();
        }

        foreach (var rule in rules)
        {
            var (allowed, remaining, resetAfter) = rule.Take(MajorParameter(path), _clock.Elapsed);
            var seconds = (Math.Ceiling(resetAfter.TotalMilliseconds) / 1000).ToString("0.###", CultureInfo.InvariantCulture);
            headers["X-RateLimit-Limit"] = rule.Limit.ToString(CultureInfo.InvariantCulture);
            headers["X-RateLimit-Remaining"] = remaining.ToString(CultureInfo.InvariantCulture);
            headers["X-RateLimit-Reset-After"] = seconds;
            headers["X-RateLimit-Bucket"] = rule.Bucket;
            if (!allowed)
            {
                Interlocked.Increment(ref _violations);
                headers["X-RateLimit-Scope"] = "user";
                headers["Retry-After"] = Math.Ceiling(resetAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
                return new FakeResult(429, new JsonObject { ["message"] = "You are being rate limited.", ["retry_after"] = resetAfter.TotalSeconds, ["global"] = false });
            }
        }

        return null;
    }

    private static string MajorParameter(string path)
    {
        var segments = path.Trim('/').Split('/');
        return segments switch
        {
            ["channels" or "guilds" or "webhooks" or "interactions", var id, ..] => id,
            ["applications", _, "guilds", var guild, ..] => guild,
            _ => "",
        };
    }

    private void Record(long index, HttpContext context, string method, string path, JsonElement? body, TimeSpan receivedAt, int status)
    {
        if (!_options.Record)
        {
            return;
        }

        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        Requests.Add(new RecordedRequest(index, method, path, context.Request.QueryString.Value ?? "", headers, body, receivedAt, status));
    }

    private sealed class Script(Func<(string Method, string Path), bool> match, FakeResponse response, int times)
    {
        public Func<(string Method, string Path), bool> Match { get; } = match;
        public FakeResponse Response { get; } = response;
        public int Remaining { get; set; } = times;
    }

    private sealed class RateLimitRule(string pattern, int limit, TimeSpan window, string bucket)
    {
        private readonly Dictionary<string, (TimeSpan Start, int Count)> _windows = [];

        public string Pattern { get; } = pattern;
        public int Limit { get; } = limit;
        public string Bucket { get; } = bucket;

        public (bool Allowed, int Remaining, TimeSpan ResetAfter) Take(string major, TimeSpan now)
        {
            lock (_windows)
            {
                if (!_windows.TryGetValue(major, out var current) || now - current.Start >= window)
                {
                    current = (now, 0);
                }

                current.Count++;
                _windows[major] = current;
                var resetAfter = window - (now - current.Start);
                return (current.Count <= Limit, Math.Max(0, Limit - current.Count), resetAfter);
            }
        }
    }
}

/// <summary>What a handler sees of a request.</summary>
internal sealed record FakeRequest(string Method, string Path, IQueryCollection Query, JsonNode? Body);

/// <summary>Status and JSON body of an answer.</summary>
internal readonly record struct FakeResult(int Status, JsonNode? Body)
{
    public static FakeResult Ok(JsonNode body) => new(200, body);

    public static FakeResult NoContent => new(204, null);

    public static FakeResult Error(int status, int code, string message, JsonNode? errors = null)
    {
        var body = new JsonObject { ["message"] = message, ["code"] = code };
        if (errors is not null)
        {
            body["errors"] = errors;
        }

        return new FakeResult(status, body);
    }
}
