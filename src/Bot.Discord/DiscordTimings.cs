namespace Bot.Discord;

/// <summary>Waits and retry budgets. The defaults follow Discord's guidance; tests against a local fake server shorten them.</summary>
public sealed record DiscordTimings
{
    /// <summary>First reconnect delay after a lost gateway connection; doubles per consecutive failure, with jitter.</summary>
    public TimeSpan ReconnectBaseDelay { get; init; } = TimeSpan.FromSeconds(1);
    public TimeSpan ReconnectMaxDelay { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Discord asks for a random 1-5 s wait before identifying again after a non-resumable Invalid Session.</summary>
    public TimeSpan InvalidSessionMinDelay { get; init; } = TimeSpan.FromSeconds(1);
    public TimeSpan InvalidSessionMaxDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Minimum time between two identifies of this shard (max_concurrency is counted per 5 s).</summary>
    public TimeSpan IdentifySpacing { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Limit for opening the WebSocket, and then for receiving Hello on it.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(30);
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Retries of a request that got 502/503/504 or no response, for requests that are safe to repeat.</summary>
    public int ServerErrorRetries { get; init; } = 3;
    public TimeSpan ServerErrorBaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Retries of a request that got 429; each waits the time Discord asked for.</summary>
    public int RateLimitRetries { get; init; } = 5;

    /// <summary>How long every request pauses after a 429 without rate-limit headers (a Cloudflare block, not a Discord bucket).</summary>
    public TimeSpan UnattributedRateLimitBackoff { get; init; } = TimeSpan.FromSeconds(60);
}
