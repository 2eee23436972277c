using System.Threading.Channels;
using Bot.Discord.Models;
using Bot.Discord.Rest;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Bot.Discord.Gateway;

/// <summary>
/// Gateway v10 client: discovers the URL with <c>/gateway/bot</c>, identifies or resumes, heartbeats, and reconnects
/// after anything but a fatal close. This file holds the reconnect loop; the partial files hold one connection's
/// lifetime and the dispatch of events.
/// </summary>
public sealed partial class GatewayClient : IDiscordGateway
{
    private readonly DiscordClientOptions _options;
    private readonly IDiscordRest _rest;
    private readonly ILogger<GatewayClient> _logger;
    private readonly TimeProvider _time;
    private readonly DiscordMetrics? _metrics;
    private readonly Channel<GatewayEvent> _events = Channel.CreateUnbounded<GatewayEvent>(new UnboundedChannelOptions { SingleWriter = true });
    private readonly ReconnectBackoff _backoff;
    private readonly IdentifyLimiter _identifyLimiter;
    private int _started;

    private GatewayBotInfo? _gatewayInfo;
    private long _gatewayInfoFetchedAt;
    private bool _resumeAtDiscoveredUrl;

    // The session: what a resume needs. _sequence is also read by the heartbeat task.
    private string? _sessionId;
    private Uri? _resumeUri;
    private long _sequence;

    private volatile bool _ready;

    /// <param name="rest">Used for <c>GET /gateway/bot</c> only.</param>
    public GatewayClient(DiscordClientOptions options, IDiscordRest rest, ILogger<GatewayClient>? logger = null, TimeProvider? timeProvider = null, DiscordMetrics? metrics = null)
    {
        if (options.Validate() is { } problem)
        {
            throw new ArgumentException(problem, nameof(options));
        }

        _options = options;
        _rest = rest;
        _logger = logger ?? NullLogger<GatewayClient>.Instance;
        _time = timeProvider ?? TimeProvider.System;
        _metrics = metrics;
        _backoff = new ReconnectBackoff(options.Timings.ReconnectBaseDelay, options.Timings.ReconnectMaxDelay, Random.Shared.NextDouble);
        _identifyLimiter = new IdentifyLimiter(_time, options.Timings.IdentifySpacing, _logger);
    }

    private enum Outcome
    {
        Shutdown,
        Resume,
        NewSession,
        InvalidSession,
        ConnectFailed,
    }

    /// <summary>The random factor of the first heartbeat, in [0, 1). Replaceable so tests can pin it.</summary>
    internal Func<double> HeartbeatJitter { get; init; } = Random.Shared.NextDouble;

    public bool IsReady => _ready;

    public IAsyncEnumerable<GatewayEvent> ReadEventsAsync(CancellationToken cancellationToken = default) =>
        _events.Reader.ReadAllAsync(cancellationToken);

    public async Task RunAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _started, 1) != 0)
        {
            throw new InvalidOperationException("RunAsync was already called; create a new GatewayClient to connect again.");
        }

        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var outcome = await ConnectOnceAsync(cancellationToken).ConfigureAwait(false);
                _ready = false;
                if (outcome == Outcome.Shutdown)
                {
                    break;
                }

                _metrics?.Reconnect(outcome.ToString());

                var delay = outcome == Outcome.InvalidSession ? InvalidSessionDelay() : _backoff.NextDelay();
                _logger.LogWarning("Reconnecting to the gateway in {DelayMs} ms ({Reason}).", (long)delay.TotalMilliseconds, outcome);
                await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down.
        }
        finally
        {
            _ready = false;
            _events.Writer.TryComplete();
        }

        _logger.LogInformation("Gateway stopped.");
    }

    private async Task<Outcome> ConnectOnceAsync(CancellationToken cancellationToken)
    {
        var resuming = _sessionId is not null && _resumeUri is not null;
        Uri uri;
        if (resuming)
        {
            // After failing to reach resume_gateway_url, try resuming through the discovered URL instead.
            uri = _resumeAtDiscoveredUrl && _gatewayInfo is { } cached && GatewayUri(cached.Url) is { } discovered ? discovered : _resumeUri!;
        }
        else
        {
            if (await DiscoverAsync(cancellationToken).ConfigureAwait(false) is not { } info || GatewayUri(info.Url) is not { } gatewayUri)
            {
                return Outcome.ConnectFailed;
            }

            await _identifyLimiter.WaitAsync(info.SessionStartLimit, _gatewayInfoFetchedAt, cancellationToken).ConfigureAwait(false);
            _gatewayInfo = info with { SessionStartLimit = info.SessionStartLimit with { Remaining = info.SessionStartLimit.Remaining - 1 } };
            uri = gatewayUri;
        }

        using var connection = new GatewayConnection(_time);
        try
        {
            await connection.ConnectAsync(uri, _options.Timings.ConnectTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            _logger.LogWarning("Could not connect to the gateway at {Url}: {Error}", uri.GetLeftPart(UriPartial.Path), ex.Message);
            _resumeAtDiscoveredUrl = resuming;
            return Outcome.ConnectFailed;
        }

        _logger.LogInformation(
            "Connected to the gateway at {Url}; {Action}.", uri.GetLeftPart(UriPartial.Path), resuming ? "resuming the session" : "identifying");
        return await RunConnectionAsync(connection, resuming, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Fresh URL, shard recommendation and session-start budget before each new session; the cached ones if Discord cannot be reached.</summary>
    private async Task<GatewayBotInfo?> DiscoverAsync(CancellationToken cancellationToken)
    {
        try
        {
            var info = await _rest.GetGatewayBotAsync(cancellationToken).ConfigureAwait(false);
            _gatewayInfo = info;
            _gatewayInfoFetchedAt = _time.GetTimestamp();
            if (info.Shards > ShardCount(info))
            {
                _logger.LogWarning(
                    "Discord recommends {Recommended} shards; this process runs shard {ShardId} of {ShardCount}. Set Discord:ShardCount and run one process per shard.",
                    info.Shards, _options.ShardId ?? 0, ShardCount(info));
            }

            return info;
        }
        catch (DiscordUnauthorizedException)
        {
            throw;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            _logger.LogWarning("Could not fetch GET /gateway/bot: {Error}", ex.Message);
            return _gatewayInfo;
        }
    }

    private int ShardCount(GatewayBotInfo info) => _options.ShardCount ?? (_options.ShardId is null ? 1 : Math.Max(info.Shards, 1));

    private TimeSpan InvalidSessionDelay()
    {
        var min = _options.Timings.InvalidSessionMinDelay;
        var max = _options.Timings.InvalidSessionMaxDelay;
        return min + ((max - min) * Random.Shared.NextDouble());
    }

    private void ClearSession()
    {
        _sessionId = null;
        _resumeUri = null;
        Volatile.Write(ref _sequence, 0);
    }

    /// <summary>Adds the version and encoding Discord wants on every gateway URL, the discovered one and resume_gateway_url alike.</summary>
    private static Uri? GatewayUri(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var parsed) || (parsed.Scheme != "wss" && parsed.Scheme != "ws"))
        {
            return null;
        }

        return new UriBuilder(parsed) { Query = "v=10&encoding=json" }.Uri;
    }
}
