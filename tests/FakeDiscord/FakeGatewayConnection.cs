using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace FakeDiscord;

/// <summary>One client WebSocket on the fake gateway, with everything a test may want to do to it.</summary>
public sealed class FakeGatewayConnection
{
    private readonly HttpContext _context;
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Action<FakeGatewayConnection, JsonObject, int>? _record;
    private volatile bool _open = true;
    private volatile bool _frozen;

    internal FakeGatewayConnection(int id, HttpContext context, WebSocket socket, TimeSpan connectedAt, Action<FakeGatewayConnection, JsonObject, int>? record)
    {
        Id = id;
        _record = record;
        _context = context;
        Socket = socket;
        ConnectedAt = connectedAt;
        Path = context.Request.Path.Value ?? "";
        Query = context.Request.QueryString.Value ?? "";
    }

    public int Id { get; }

    /// <summary><c>/gateway</c> (the URL from /gateway/bot) or <c>/gateway-resume</c> (resume_gateway_url).</summary>
    public string Path { get; }

    /// <summary>e.g. <c>?v=10&amp;encoding=json</c>.</summary>
    public string Query { get; }
    public TimeSpan ConnectedAt { get; }
    public bool IsOpen => _open;

    /// <summary>The close code the client sent, if it closed with a close frame.</summary>
    public int? ClientCloseStatus { get; internal set; }

    /// <summary>The session this connection identified or resumed, if any.</summary>
    public FakeGatewaySession? Session { get; internal set; }

    /// <summary>Completes when the connection is gone, however it ended.</summary>
    public Task Ended => _ended.Task;

    internal WebSocket Socket { get; }

    internal bool Frozen => _frozen;

    /// <summary>Waits until the client aborts the TCP connection.</summary>
    internal Task WaitUntilAbortedAsync() => Task.Delay(Timeout.Infinite, _context.RequestAborted);

    /// <summary>
    /// Sends a payload, optionally split over several frames, and records it in <see cref="FakeGateway.Sent"/> in the order
    /// it goes on the wire: once a payload is recorded, whatever is sent next reaches the client after it.
    /// </summary>
    public async Task SendAsync(JsonObject payload, int frames = 1)
    {
        var text = payload.ToJsonString();
        await _sendLock.WaitAsync().ConfigureAwait(false);
        try
        {
            _record?.Invoke(this, payload, text.Length);
            await WriteFramesAsync(text, frames).ConfigureAwait(false);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>Sends text as is: malformed JSON, unknown opcodes, anything.</summary>
    public Task SendRawAsync(string text) => SendFramesAsync(text, 1);

    /// <summary>Sends one message split over <paramref name="frames"/> WebSocket frames, which the client must reassemble.</summary>
    public async Task SendFramesAsync(string text, int frames)
    {
        await _sendLock.WaitAsync().ConfigureAwait(false);
        try
        {
            await WriteFramesAsync(text, frames).ConfigureAwait(false);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>Call with the send lock held.</summary>
    private async Task WriteFramesAsync(string text, int frames)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var size = Math.Max(1, (int)Math.Ceiling(bytes.Length / (double)frames));
        try
        {
            for (var offset = 0; offset < bytes.Length || offset == 0; offset += size)
            {
                var count = Math.Min(size, bytes.Length - offset);
                var last = offset + count >= bytes.Length;
                await Socket.SendAsync(bytes.AsMemory(offset, count), WebSocketMessageType.Text, last, CancellationToken.None).ConfigureAwait(false);
                if (last)
                {
                    break;
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException or OperationCanceledException)
        {
            // The client went away; tests observe that through Ended.
        }
    }

    /// <summary>Op 7: the client should reconnect and resume.</summary>
    public Task SendReconnectAsync() => SendAsync(new JsonObject { ["op"] = 7, ["d"] = null });

    /// <summary>Op 9 with <c>d</c> = <paramref name="resumable"/>.</summary>
    public Task SendInvalidSessionAsync(bool resumable) => SendAsync(new JsonObject { ["op"] = 9, ["d"] = resumable });

    /// <summary>Op 1 from the server: the client must answer with a heartbeat at once.</summary>
    public Task RequestHeartbeatAsync() => SendAsync(new JsonObject { ["op"] = 1, ["d"] = null });

    /// <summary>Closes with a close frame carrying <paramref name="code"/>, then drops the socket if the client does not answer.</summary>
    public async Task CloseAsync(int code, string reason = "")
    {
        await _sendLock.WaitAsync().ConfigureAwait(false);
        try
        {
            if (Socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await Socket.CloseOutputAsync((WebSocketCloseStatus)code, reason, deadline.Token).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException or OperationCanceledException)
        {
            Drop();
        }
        finally
        {
            _sendLock.Release();
        }

        if (await Task.WhenAny(Ended, Task.Delay(TimeSpan.FromSeconds(2))).ConfigureAwait(false) != Ended)
        {
            Drop();
        }
    }

    /// <summary>
    /// Stops reading from the client while keeping the socket open: no heartbeat ACKs, no answer to a close frame,
    /// as when the network path dies silently. Only the client aborting (or <see cref="Drop"/>) ends it.
    /// </summary>
    public void Freeze() => _frozen = true;

    /// <summary>Cuts the TCP connection without a close frame, like a network failure.</summary>
    public void Drop()
    {
        _open = false;
        try
        {
            _context.Abort();
        }
        catch (ObjectDisposedException)
        {
            // The connection had already ended (the client left first) and ASP.NET Core has disposed its context.
        }
    }

    internal void MarkEnded()
    {
        _open = false;
        _ended.TrySetResult();
    }
}
