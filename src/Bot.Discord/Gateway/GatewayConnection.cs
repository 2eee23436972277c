using System.Buffers;
using System.Net.WebSockets;

namespace Bot.Discord.Gateway;

/// <summary>
/// One WebSocket to the gateway: whole messages in (however many frames they arrive in), payloads out one at a time
/// under the send limit. Cancelling a pending WebSocket operation aborts the socket without a close frame, so closing
/// is done with close frames and a deadline rather than with cancellation.
/// </summary>
internal sealed class GatewayConnection(TimeProvider time) : IDisposable
{
    private static readonly TimeSpan CloseDeadline = TimeSpan.FromSeconds(2);

    private readonly ClientWebSocket _socket = new();
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly GatewaySendLimiter _limiter = new(time);
    private readonly ArrayBufferWriter<byte> _message = new(16 * 1024);

    public async Task ConnectAsync(Uri uri, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var connectTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        connectTimeout.CancelAfter(timeout);
        await _socket.ConnectAsync(uri, connectTimeout.Token).ConfigureAwait(false);
    }

    /// <summary>The next whole message, or the server's close. The returned bytes are valid until the next call.</summary>
    public async ValueTask<GatewayFrame> ReceiveAsync()
    {
        _message.ResetWrittenCount();
        while (true)
        {
            var result = await _socket.ReceiveAsync(_message.GetMemory(8 * 1024), CancellationToken.None).ConfigureAwait(false);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return new GatewayFrame(ReadOnlyMemory<byte>.Empty, IsClose: true, (int?)_socket.CloseStatus, _socket.CloseStatusDescription);
            }

            _message.Advance(result.Count);
            if (result.EndOfMessage)
            {
                return new GatewayFrame(_message.WrittenMemory, IsClose: false, null, null);
            }
        }
    }

    /// <param name="heartbeat">Heartbeats may use the slots the send limiter keeps in reserve.</param>
    public async Task SendAsync(byte[] payload, bool heartbeat, CancellationToken cancellationToken)
    {
        await _limiter.WaitAsync(heartbeat, cancellationToken).ConfigureAwait(false);
        await _sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _socket.SendAsync(payload, WebSocketMessageType.Text, endOfMessage: true, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>Full close handshake, for when no receive is pending. Gives up and aborts after a short deadline.</summary>
    public async Task CloseAsync(int code, string reason)
    {
        using var deadline = new CancellationTokenSource(CloseDeadline, time);
        try
        {
            await _sendLock.WaitAsync(deadline.Token).ConfigureAwait(false);
            try
            {
                await _socket.CloseAsync((WebSocketCloseStatus)code, reason, deadline.Token).ConfigureAwait(false);
            }
            finally
            {
                _sendLock.Release();
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The peer is gone or unresponsive: aborting below is all that is left to do.
        }
        finally
        {
            _socket.Abort();
        }
    }

    /// <summary>
    /// Starts closing while a receive is pending (on shutdown or for a zombie connection): sends the close frame so the
    /// pending receive sees the server's reply, and aborts if that reply does not come in time.
    /// </summary>
    public void RequestClose(int code, string reason) => _ = RequestCloseAsync(code, reason);

    public void Dispose()
    {
        _socket.Dispose();
        _sendLock.Dispose();
    }

    private async Task RequestCloseAsync(int code, string reason)
    {
        try
        {
            using var deadline = new CancellationTokenSource(CloseDeadline, time);
            await _sendLock.WaitAsync(deadline.Token).ConfigureAwait(false);
            try
            {
                if (_socket.State == WebSocketState.Open)
                {
                    await _socket.CloseOutputAsync((WebSocketCloseStatus)code, reason, deadline.Token).ConfigureAwait(false);
                }
            }
            finally
            {
                _sendLock.Release();
            }

            await Task.Delay(CloseDeadline, time).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // Fall through to the abort.
        }

        try
        {
            _socket.Abort();
        }
        catch (ObjectDisposedException)
        {
            // Already closed and disposed normally.
        }
    }
}

internal readonly record struct GatewayFrame(ReadOnlyMemory<byte> Payload, bool IsClose, int? CloseStatus, string? CloseDescription);
