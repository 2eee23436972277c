namespace Bot.Discord.Gateway;

/// <summary>
/// Discord disconnects a connection that sends more than 120 payloads in 60 s. This sliding window lets ordinary
/// payloads use all but a few slots, which stay free for heartbeats so a burst can never starve the keep-alive.
/// </summary>
internal sealed class GatewaySendLimiter(TimeProvider time, int limit = 120, int reservedForHeartbeats = 3, TimeSpan? window = null)
{
    private readonly TimeSpan _window = window ?? TimeSpan.FromSeconds(60);
    private readonly object _gate = new();
    private readonly List<long> _sent = [];

    /// <summary>Records a send and returns zero, or returns how long to wait before trying again.</summary>
    public TimeSpan TryAcquire(bool heartbeat)
    {
        lock (_gate)
        {
            var now = time.GetTimestamp();
            _sent.RemoveAll(sentAt => time.GetElapsedTime(sentAt, now) >= _window);
            var capacity = heartbeat ? limit : limit - reservedForHeartbeats;
            if (_sent.Count < capacity)
            {
                _sent.Add(now);
                return TimeSpan.Zero;
            }

            // Room appears when enough of the oldest sends leave the window.
            var freeingSend = _sent[_sent.Count - capacity];
            return _window - time.GetElapsedTime(freeingSend, now);
        }
    }

    public async ValueTask WaitAsync(bool heartbeat, CancellationToken cancellationToken)
    {
        TimeSpan wait;
        while ((wait = TryAcquire(heartbeat)) > TimeSpan.Zero)
        {
            await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
        }
    }
}
