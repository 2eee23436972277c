using System.Diagnostics.Metrics;

namespace Bot.Discord;

/// <summary>
/// The client's instruments (meter <see cref="MeterName"/>): gateway reconnects, resumes and new sessions; REST retries
/// and 429s by route (the route template, never a path: interaction paths carry tokens). Nothing is measured unless a
/// listener (OpenTelemetry, dotnet-counters) subscribes to the meter.
/// </summary>
public sealed class DiscordMetrics : IDisposable
{
    public const string MeterName = "Bot.Discord";

    private readonly Meter _meter;
    private readonly Counter<long> _reconnects;
    private readonly Counter<long> _resumes;
    private readonly Counter<long> _sessions;
    private readonly Counter<long> _retries;
    private readonly Counter<long> _rateLimits;

    /// <param name="meterFactory">The host's factory (its meters are disposed with it); without one, a meter of its own.</param>
    public DiscordMetrics(IMeterFactory? meterFactory = null)
    {
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _reconnects = _meter.CreateCounter<long>("discord.gateway.reconnects", description: "Reconnects to the gateway after a connection ended, by reason");
        _resumes = _meter.CreateCounter<long>("discord.gateway.resumes", description: "Gateway sessions resumed (RESUMED)");
        _sessions = _meter.CreateCounter<long>("discord.gateway.sessions", description: "New gateway sessions (READY)");
        _retries = _meter.CreateCounter<long>("discord.rest.retries", description: "REST requests sent again, by route and reason (server_error, no_response, rate_limited)");
        _rateLimits = _meter.CreateCounter<long>("discord.rest.rate_limits", description: "HTTP 429 answers, by route and scope (bucket, global, unattributed)");
    }

    internal void Reconnect(string reason) => _reconnects.Add(1, new KeyValuePair<string, object?>("reason", reason));

    internal void Resumed() => _resumes.Add(1);

    internal void SessionStarted() => _sessions.Add(1);

    internal void Retry(string route, string reason) =>
        _retries.Add(1, new KeyValuePair<string, object?>("route", route), new KeyValuePair<string, object?>("reason", reason));

    internal void RateLimited(string route, string scope) =>
        _rateLimits.Add(1, new KeyValuePair<string, object?>("route", route), new KeyValuePair<string, object?>("scope", scope));

    public void Dispose() => _meter.Dispose();
}
