using System.Net.WebSockets;
using System.Text.Json;
using Bot.Discord.Json;
using Microsoft.Extensions.Logging;

namespace Bot.Discord.Gateway;

public sealed partial class GatewayClient
{
    /// <summary>Receives until the connection ends and says what the reconnect loop should do next.</summary>
    private async Task<Outcome> RunConnectionAsync(GatewayConnection connection, bool resuming, CancellationToken cancellationToken)
    {
        var context = new ConnectionContext(connection, resuming);
        using var shutdown = cancellationToken.Register(
            static state => ((GatewayConnection)state!).RequestClose((int)WebSocketCloseStatus.NormalClosure, "Shutting down"), connection);

        // Without Hello there is no heartbeat, so nothing else would notice a gateway that accepted the socket and went silent.
        using var helloDeadline = new CancellationTokenSource(_options.Timings.ConnectTimeout, _time);
        using var noHello = helloDeadline.Token.Register(() =>
        {
            if (context.Heartbeater is null)
            {
                _logger.LogWarning("No Hello within {TimeoutMs} ms of connecting; reconnecting.", (long)_options.Timings.ConnectTimeout.TotalMilliseconds);
                connection.RequestClose(GatewayCloseCodes.ClientReconnecting, "No Hello");
            }
        });
        try
        {
            while (true)
            {
                var frame = await connection.ReceiveAsync().ConfigureAwait(false);
                if (frame.IsClose)
                {
                    return cancellationToken.IsCancellationRequested ? Outcome.Shutdown
                        : context.MissedHeartbeatAck ? Outcome.Resume
                        : OnClosed(frame.CloseStatus, frame.CloseDescription);
                }

                if (await HandlePayloadAsync(context, frame.Payload, cancellationToken).ConfigureAwait(false) is { } outcome)
                {
                    return outcome;
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or IOException or ObjectDisposedException or OperationCanceledException)
        {
            // Receiving or answering failed: the socket is gone (an aborted socket fails pending operations as cancelled).
            if (cancellationToken.IsCancellationRequested)
            {
                return Outcome.Shutdown;
            }

            if (!context.MissedHeartbeatAck)
            {
                _logger.LogWarning("Gateway connection lost without a close frame ({Error}).", ex.Message);
            }

            return Outcome.Resume;
        }
        finally
        {
            await context.StopHeartbeatAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Returns the outcome when the payload ends the connection, null to keep receiving.</summary>
    private async Task<Outcome?> HandlePayloadAsync(ConnectionContext context, ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        GatewayPayload? payload;
        try
        {
            payload = JsonSerializer.Deserialize(bytes.Span, DiscordJsonContext.Wire.GatewayPayload);
        }
        catch (JsonException)
        {
            _logger.LogWarning("Skipped a gateway payload that is not valid JSON ({Length} bytes).", bytes.Length);
            return null;
        }

        if (payload is null)
        {
            return null;
        }

        switch ((GatewayOpCode)payload.Op)
        {
            case GatewayOpCode.Hello:
                return await OnHelloAsync(context, payload, cancellationToken).ConfigureAwait(false);

            case GatewayOpCode.Heartbeat:
                _logger.LogDebug("Discord requested a heartbeat.");
                await SendHeartbeatAsync(context.Connection, cancellationToken).ConfigureAwait(false);
                return null;

            case GatewayOpCode.HeartbeatAck:
                context.Heartbeater?.Acknowledge();
                return null;

            case GatewayOpCode.Dispatch:
                Dispatch(payload);
                return null;

            case GatewayOpCode.Reconnect:
                _logger.LogWarning("Discord asked us to reconnect (op 7); resuming on a new connection.");
                await context.Connection.CloseAsync(GatewayCloseCodes.ClientReconnecting, "Reconnect requested").ConfigureAwait(false);
                return Outcome.Resume;

            case GatewayOpCode.InvalidSession:
                var resumable = payload.Data is { ValueKind: JsonValueKind.True };
                _logger.LogWarning(
                    "Discord invalidated the session (op 9); {Next}.", resumable ? "resuming it" : "waiting, then identifying a new session");
                if (!resumable)
                {
                    ClearSession();
                }

                await context.Connection.CloseAsync(GatewayCloseCodes.ClientReconnecting, "Invalid session").ConfigureAwait(false);
                return resumable ? Outcome.Resume : Outcome.InvalidSession;

            default:
                _logger.LogWarning("Skipped a gateway payload with unknown opcode {Op}.", payload.Op);
                return null;
        }
    }

    private async Task<Outcome?> OnHelloAsync(ConnectionContext context, GatewayPayload payload, CancellationToken cancellationToken)
    {
        if (context.Heartbeater is not null)
        {
            _logger.LogWarning("Skipped a second Hello on the same connection.");
            return null;
        }

        var interval = ReadData(payload, DiscordJsonContext.Wire.HelloData, "Hello")?.HeartbeatInterval ?? 0;
        if (interval <= 0)
        {
            _logger.LogWarning("Hello carried no heartbeat interval; reconnecting.");
            await context.Connection.CloseAsync(GatewayCloseCodes.ClientReconnecting, "Bad hello").ConfigureAwait(false);
            return Outcome.Resume;
        }

        var connection = context.Connection;
        context.StartHeartbeat(
            new Heartbeater(TimeSpan.FromMilliseconds(interval), _time, HeartbeatJitter, ct => SendHeartbeatAsync(connection, ct)),
            OnHeartbeatAckMissed);

        if (context.Resuming)
        {
            await SendResumeAsync(connection, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await SendIdentifyAsync(connection, cancellationToken).ConfigureAwait(false);
        }

        return null;
    }

    private void OnHeartbeatAckMissed(ConnectionContext context)
    {
        _logger.LogWarning(
            "No heartbeat ACK within {IntervalMs} ms: the connection is a zombie. Closing it to resume.",
            (long)context.Heartbeater!.Interval.TotalMilliseconds);
        context.Connection.RequestClose(GatewayCloseCodes.ClientReconnecting, "No heartbeat ACK");
    }

    private Outcome OnClosed(int? code, string? reason)
    {
        switch (GatewayCloseCodes.Classify(code))
        {
            case CloseAction.Fatal:
                var fatal = new GatewayFatalException(code!.Value);
                _logger.LogError("{Message}", fatal.Message);
                throw fatal;

            case CloseAction.NewSession:
                _logger.LogWarning("Gateway closed with {CloseCode} ({Reason}); starting a new session.", code, reason);
                ClearSession();
                return Outcome.NewSession;

            default:
                _logger.LogWarning("Gateway closed with {CloseCode} ({Reason}); reconnecting to resume.", code, reason);
                return Outcome.Resume;
        }
    }

    private Task SendHeartbeatAsync(GatewayConnection connection, CancellationToken cancellationToken)
    {
        var sequence = Volatile.Read(ref _sequence);
        var payload = GatewayPayloadEncoder.Encode(GatewayOpCode.Heartbeat, sequence == 0 ? null : sequence, DiscordJsonContext.Wire.NullableInt64);
        return connection.SendAsync(payload, heartbeat: true, cancellationToken);
    }

    private async Task SendIdentifyAsync(GatewayConnection connection, CancellationToken cancellationToken)
    {
        ClearSession();
        var shardId = _options.ShardId ?? 0;
        var shardCount = _gatewayInfo is { } info ? ShardCount(info) : _options.ShardCount ?? 1;
        var identify = new IdentifyData
        {
            Token = _options.Token,
            Intents = _options.Intents,
            Properties = new IdentifyProperties { Os = OperatingSystemName(), Browser = "Bot.Discord", Device = "Bot.Discord" },
            Shard = [shardId, shardCount],
        };
        _logger.LogInformation("Identifying as shard {ShardId} of {ShardCount} with intents {Intents}.", shardId, shardCount, _options.Intents);
        await connection.SendAsync(
            GatewayPayloadEncoder.Encode(GatewayOpCode.Identify, identify, DiscordJsonContext.Wire.IdentifyData),
            heartbeat: false,
            cancellationToken).ConfigureAwait(false);
    }

    private async Task SendResumeAsync(GatewayConnection connection, CancellationToken cancellationToken)
    {
        var resume = new ResumeData { Token = _options.Token, SessionId = _sessionId!, Sequence = Volatile.Read(ref _sequence) };
        _logger.LogInformation("Resuming session {SessionId} from sequence {Sequence}.", resume.SessionId, resume.Sequence);
        await connection.SendAsync(
            GatewayPayloadEncoder.Encode(GatewayOpCode.Resume, resume, DiscordJsonContext.Wire.ResumeData),
            heartbeat: false,
            cancellationToken).ConfigureAwait(false);
    }

    private static string OperatingSystemName() =>
        OperatingSystem.IsWindows() ? "windows" : OperatingSystem.IsMacOS() ? "macos" : "linux";

    /// <summary>What belongs to one connection: its socket, whether it resumes, and its heartbeat.</summary>
    private sealed class ConnectionContext(GatewayConnection connection, bool resuming)
    {
        private readonly CancellationTokenSource _stopHeartbeat = new();
        private Task? _heartbeat;
        private volatile Heartbeater? _heartbeater;
        private volatile bool _missedHeartbeatAck;

        public GatewayConnection Connection { get; } = connection;
        public bool Resuming { get; } = resuming;

        /// <summary>Null until Hello; read by the Hello deadline's timer as well as by the receive loop.</summary>
        public Heartbeater? Heartbeater => _heartbeater;
        public bool MissedHeartbeatAck => _missedHeartbeatAck;

        public void StartHeartbeat(Heartbeater heartbeater, Action<ConnectionContext> onMissedAck)
        {
            _heartbeater = heartbeater;
            _heartbeat = RunAsync();

            async Task RunAsync()
            {
                try
                {
                    if (await heartbeater.RunAsync(_stopHeartbeat.Token).ConfigureAwait(false))
                    {
                        _missedHeartbeatAck = true;
                        onMissedAck(this);
                    }
                }
                catch (Exception ex) when (ex is WebSocketException or IOException or ObjectDisposedException or OperationCanceledException)
                {
                    // The socket failed under the heartbeat; the receive loop sees the same failure and reconnects.
                }
            }
        }

        public async Task StopHeartbeatAsync()
        {
            await _stopHeartbeat.CancelAsync().ConfigureAwait(false);
            if (_heartbeat is not null)
            {
                await _heartbeat.ConfigureAwait(false);
            }

            _stopHeartbeat.Dispose();
        }
    }
}
