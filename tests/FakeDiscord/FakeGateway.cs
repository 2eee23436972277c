using System.Buffers;
using System.Net.WebSockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace FakeDiscord;

/// <summary>
/// The gateway side of the fake: runs the real handshake over a real WebSocket, keeps sessions with sequence numbers and
/// a replay buffer, and lets tests dispatch events and misbehave (op 7, op 9, missing ACKs, close codes, dropped sockets).
/// </summary>
public sealed class FakeGateway
{
    private readonly FakeDiscordOptions _options;
    private readonly ServerClock _clock;
    private readonly FakeDiscordState _state;
    private readonly SessionStartBudget _sessionStarts;
    private int _connectionIds;
    private Func<FakeGatewayConnection, Task>? _beforeNextHello;

    internal FakeGateway(FakeDiscordOptions options, ServerClock clock, FakeDiscordState state)
    {
        _options = options;
        _clock = clock;
        _state = state;
        HeartbeatInterval = options.HeartbeatInterval;
        _sessionStarts = new SessionStartBudget(options, clock);
    }

    /// <summary>Set by the server once it knows its port.</summary>
    public string Url { get; internal set; } = "";
    public string ResumeUrl { get; internal set; } = "";

    public TimeSpan HeartbeatInterval { get; set; }

    /// <summary>When false, heartbeats get no op 11: the client should decide the connection is a zombie.</summary>
    public bool AcknowledgeHeartbeats { get; set; } = true;

    /// <summary>When true, every resume is answered with op 9 <c>false</c>, as when the session expired.</summary>
    public bool RefuseResumes { get; set; }

    /// <summary>On resume, also re-send this many events the client already had, which Discord may do; clients must drop them.</summary>
    public int ReplayOverlap { get; set; }

    public RecordLog<FakeGatewayConnection> Connections { get; } = new();
    public RecordLog<RecordedGatewayPayload> Received { get; } = new();
    public RecordLog<RecordedGatewayPayload> Sent { get; } = new();

    /// <summary>Every session identified so far, oldest first: resumes and dispatches find their session here.</summary>
    public RecordLog<FakeGatewaySession> Sessions { get; } = new();

    /// <summary>Identifies made while <c>session_start_limit.remaining</c> was 0 (on Discord these reset the token).</summary>
    public int IdentifiesOverLimit => _sessionStarts.OverLimit;

    /// <summary>The most recent connection that is still open.</summary>
    public FakeGatewayConnection? CurrentConnection => Connections.Snapshot().LastOrDefault(c => c.IsOpen);

    internal SessionStartBudget SessionStarts => _sessionStarts;

    /// <summary>Run <paramref name="script"/> on the next connection before Hello is sent (e.g. send op 7 first).</summary>
    public void BeforeNextHello(Func<FakeGatewayConnection, Task> script) => _beforeNextHello = script;

    /// <summary>Sets what <c>/gateway/bot</c> reports as remaining session starts, and when they reset.</summary>
    public void SetSessionStartLimit(int remaining, TimeSpan resetAfter) => _sessionStarts.Set(remaining, resetAfter);

    public Task<FakeGatewayConnection> WaitForConnectionAsync(Func<FakeGatewayConnection, bool>? predicate = null, TimeSpan? timeout = null) =>
        Connections.WaitAsync(predicate ?? (_ => true), timeout, "gateway connection");

    /// <summary>The <paramref name="count"/>-th connection (1-based), once it exists.</summary>
    public Task<FakeGatewayConnection> WaitForConnectionNumberAsync(int count, TimeSpan? timeout = null) =>
        Connections.WaitAsync(c => c.Id == count, timeout, $"gateway connection #{count}");

    /// <summary>A payload the client sent with opcode <paramref name="op"/> that matches <paramref name="predicate"/>.</summary>
    public Task<RecordedGatewayPayload> WaitForPayloadAsync(int op, Func<RecordedGatewayPayload, bool>? predicate = null, TimeSpan? timeout = null) =>
        Received.WaitAsync(p => p.Op == op && (predicate?.Invoke(p) ?? true), timeout, $"client payload op {op}");

    /// <summary>The next session to become ready (after <paramref name="existing"/> sessions).</summary>
    public Task<FakeGatewaySession> WaitForReadyAsync(int existing = 0, TimeSpan? timeout = null) =>
        Sessions.WaitForCountAsync(_ => true, existing + 1, timeout, "READY").ContinueWith(t => t.Result[existing], TaskScheduler.Default);

    /// <summary>
    /// Sends a dispatch on the session of the shard that owns <c>d.guild_id</c> (shard 0 without one), or buffers it
    /// while that session has no connection. Returns the sequence number.
    /// </summary>
    /// <param name="frames">Split the payload over this many WebSocket frames.</param>
    public async Task<long> DispatchAsync(string eventName, JsonObject data, int frames = 1)
    {
        var session = SessionFor(data);
        await session.SendLock.WaitAsync().ConfigureAwait(false);
        try
        {
            var sequence = session.Assign(eventName, data, replayable: true);
            if (session.Connection is { IsOpen: true } connection)
            {
                await SendDispatchAsync(connection, sequence, eventName, data, frames).ConfigureAwait(false);
            }

            return sequence;
        }
        finally
        {
            session.SendLock.Release();
        }
    }

    /// <summary>Dispatches MESSAGE_CREATE and stores the message, so the bot can reply to it, pin it or fetch it.</summary>
    public Task<long> SendMessageCreateAsync(JsonObject message)
    {
        _state.AddMessage(message);
        return DispatchAsync("MESSAGE_CREATE", message);
    }

    /// <summary>Dispatches INTERACTION_CREATE and starts the 3-second clock for its response.</summary>
    public Task<long> SendInteractionCreateAsync(JsonObject interaction)
    {
        _state.AddInteraction(interaction, _clock.Elapsed);
        return DispatchAsync("INTERACTION_CREATE", interaction);
    }

    internal async Task AcceptAsync(HttpContext context)
    {
        using var socket = await context.WebSockets.AcceptWebSocketAsync().ConfigureAwait(false);
        var connection = new FakeGatewayConnection(
            Interlocked.Increment(ref _connectionIds), context, socket, _clock.Elapsed, _options.Record ? RecordSent : null);
        Connections.Add(connection);
        try
        {
            if (Interlocked.Exchange(ref _beforeNextHello, null) is { } script)
            {
                await script(connection).ConfigureAwait(false);
            }

            if (connection.IsOpen)
            {
                await connection.SendAsync(new JsonObject { ["op"] = 10, ["d"] = new JsonObject { ["heartbeat_interval"] = (int)HeartbeatInterval.TotalMilliseconds } })
                    .ConfigureAwait(false);
                await ReceiveLoopAsync(connection).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException or IOException)
        {
            // The client or a test dropped the connection.
        }
        finally
        {
            Detach(connection);
            connection.MarkEnded();
        }
    }

    private async Task ReceiveLoopAsync(FakeGatewayConnection connection)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        while (true)
        {
            buffer.ResetWrittenCount();
            ValueWebSocketReceiveResult result;
            do
            {
                result = await connection.Socket.ReceiveAsync(buffer.GetMemory(4096), CancellationToken.None).ConfigureAwait(false);
                if (connection.Frozen)
                {
                    await connection.WaitUntilAbortedAsync().ConfigureAwait(false);
                }

                if (result.MessageType == WebSocketMessageType.Close)
                {
                    connection.ClientCloseStatus = (int?)connection.Socket.CloseStatus;
                    if (connection.Socket.State == WebSocketState.CloseReceived)
                    {
                        await connection.Socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", CancellationToken.None).ConfigureAwait(false);
                    }

                    return;
                }

                buffer.Advance(result.Count);
            }
            while (!result.EndOfMessage);

            if (!await HandleClientPayloadAsync(connection, buffer.WrittenMemory).ConfigureAwait(false))
            {
                return;
            }
        }
    }

    /// <summary>Returns false when the connection was closed in response.</summary>
    private async Task<bool> HandleClientPayloadAsync(FakeGatewayConnection connection, ReadOnlyMemory<byte> bytes)
    {
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(bytes);
            root = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            await connection.CloseAsync(4002, "Error while decoding payload.").ConfigureAwait(false);
            return false;
        }

        var op = root.TryGetProperty("op", out var opElement) && opElement.TryGetInt32(out var value) ? value : -1;
        var data = root.TryGetProperty("d", out var d) ? d : (JsonElement?)null;
        if (_options.Record)
        {
            Received.Add(new RecordedGatewayPayload(connection.Id, op, data, null, null, bytes.Length, _clock.Elapsed));
        }

        if (bytes.Length > 4096)
        {
            await connection.CloseAsync(4002, "Payload too large.").ConfigureAwait(false);
            return false;
        }

        switch (op)
        {
            case 1:
                if (AcknowledgeHeartbeats)
                {
                    await connection.SendAsync(new JsonObject { ["op"] = 11 }).ConfigureAwait(false);
                }

                return true;
            case 2:
                return await IdentifyAsync(connection, data).ConfigureAwait(false);
            case 6:
                return await ResumeAsync(connection, data).ConfigureAwait(false);
            case 3 or 4 or 8 or 31:
                return true;
            default:
                await connection.CloseAsync(4001, "Unknown opcode.").ConfigureAwait(false);
                return false;
        }
    }

    private async Task<bool> IdentifyAsync(FakeGatewayConnection connection, JsonElement? data)
    {
        if (connection.Session is not null)
        {
            await connection.CloseAsync(4005, "Already authenticated.").ConfigureAwait(false);
            return false;
        }

        if (data is not { ValueKind: JsonValueKind.Object } d || !TokenMatches(d) || !d.TryGetProperty("properties", out _))
        {
            await connection.CloseAsync(4004, "Authentication failed.").ConfigureAwait(false);
            return false;
        }

        if (!d.TryGetProperty("intents", out var intentsElement) || !intentsElement.TryGetInt32(out var intents) || intents < 0)
        {
            await connection.CloseAsync(4013, "Invalid intent(s).").ConfigureAwait(false);
            return false;
        }

        if (!_options.MessageContentIntentEnabled && (intents & (1 << 15)) != 0)
        {
            await connection.CloseAsync(4014, "Disallowed intent(s).").ConfigureAwait(false);
            return false;
        }

        var (shardId, shardCount) = (0, 1);
        if (d.TryGetProperty("shard", out var shard))
        {
            if (shard.ValueKind != JsonValueKind.Array || shard.GetArrayLength() != 2
                || !shard[0].TryGetInt32(out shardId) || !shard[1].TryGetInt32(out shardCount) || shardCount < 1 || shardId < 0 || shardId >= shardCount)
            {
                await connection.CloseAsync(4010, "Invalid shard.").ConfigureAwait(false);
                return false;
            }
        }

        _sessionStarts.Take();
        var session = new FakeGatewaySession(Guid.NewGuid().ToString("N"), shardId, shardCount, intents, _options.ReplayBufferSize);
        var guilds = _options.Guilds.Where(g => (int)((g.Id >> 22) % (ulong)shardCount) == shardId).ToArray();
        await session.SendLock.WaitAsync().ConfigureAwait(false);
        try
        {
            session.Connection = connection;
            connection.Session = session;
            var ready = new JsonObject
            {
                ["v"] = 10,
                ["user"] = _state.BotUser(),
                ["guilds"] = new JsonArray(guilds.Select(g => (JsonNode)new JsonObject { ["id"] = g.Id.ToString(), ["unavailable"] = true }).ToArray()),
                ["session_id"] = session.Id,
                ["resume_gateway_url"] = ResumeUrl,
                ["shard"] = new JsonArray(shardId, shardCount),
                ["application"] = new JsonObject { ["id"] = _options.ApplicationId.ToString(), ["flags"] = 0 },
            };
            await SendDispatchAsync(connection, session.Assign("READY", null, replayable: false), "READY", ready).ConfigureAwait(false);
            Sessions.Add(session);
            foreach (var guild in guilds)
            {
                var guildCreate = new JsonObject { ["id"] = guild.Id.ToString(), ["name"] = guild.Name, ["unavailable"] = false };
                await SendDispatchAsync(connection, session.Assign("GUILD_CREATE", guildCreate, replayable: true), "GUILD_CREATE", guildCreate).ConfigureAwait(false);
            }
        }
        finally
        {
            session.SendLock.Release();
        }

        return true;
    }

    private async Task<bool> ResumeAsync(FakeGatewayConnection connection, JsonElement? data)
    {
        if (data is not { ValueKind: JsonValueKind.Object } d || !TokenMatches(d))
        {
            await connection.CloseAsync(4004, "Authentication failed.").ConfigureAwait(false);
            return false;
        }

        var sessionId = d.TryGetProperty("session_id", out var id) ? id.GetString() : null;
        var sequence = d.TryGetProperty("seq", out var seq) && seq.TryGetInt64(out var s) ? s : -1;
        var session = Sessions.Snapshot().FirstOrDefault(x => x.Id == sessionId);
        if (session is null || RefuseResumes || sequence < 0)
        {
            await connection.SendAsync(new JsonObject { ["op"] = 9, ["d"] = false }).ConfigureAwait(false);
            return true;
        }

        await session.SendLock.WaitAsync().ConfigureAwait(false);
        try
        {
            if (sequence > session.Sequence)
            {
                await connection.CloseAsync(4007, "Invalid seq.").ConfigureAwait(false);
                return false;
            }

            session.Connection?.Drop();
            session.Connection = connection;
            connection.Session = session;
            foreach (var (eventSequence, name, eventData) in session.EventsAfter(Math.Max(0, sequence - ReplayOverlap)))
            {
                await SendDispatchAsync(connection, eventSequence, name, eventData).ConfigureAwait(false);
            }

            await SendDispatchAsync(connection, session.Assign("RESUMED", null, replayable: false), "RESUMED", new JsonObject()).ConfigureAwait(false);
        }
        finally
        {
            session.SendLock.Release();
        }

        return true;
    }

    private bool TokenMatches(JsonElement data) =>
        _options.Token is null
        || (data.TryGetProperty("token", out var token) && token.ValueKind == JsonValueKind.String && token.GetString() == _options.Token);

    private FakeGatewaySession SessionFor(JsonObject data)
    {
        var guildId = data["guild_id"]?.GetValue<string>() is { } text && ulong.TryParse(text, out var parsed) ? parsed : (ulong?)null;
        var sessions = Sessions.Snapshot();
        return sessions.LastOrDefault(s => guildId is { } g ? (int)((g >> 22) % (ulong)s.ShardCount) == s.ShardId : s.ShardId == 0)
            ?? sessions.LastOrDefault()
            ?? throw new InvalidOperationException("No gateway session yet: await WaitForReadyAsync() before dispatching events.");
    }

    private void Detach(FakeGatewayConnection connection)
    {
        if (connection.Session is { } session && session.Connection == connection)
        {
            session.Connection = null;
        }
    }

    private Task SendDispatchAsync(FakeGatewayConnection connection, long sequence, string eventName, JsonNode? data, int frames = 1) =>
        connection.SendAsync(new JsonObject { ["op"] = 0, ["s"] = sequence, ["t"] = eventName, ["d"] = data?.DeepClone() }, frames);

    private void RecordSent(FakeGatewayConnection connection, JsonObject payload, int length) =>
        Sent.Add(new RecordedGatewayPayload(
            connection.Id,
            payload["op"]!.GetValue<int>(),
            payload["d"] is { } d ? JsonSerializer.SerializeToElement(d) : null,
            payload["s"]?.GetValue<long>(),
            payload["t"]?.GetValue<string>(),
            length,
            _clock.Elapsed));
}
