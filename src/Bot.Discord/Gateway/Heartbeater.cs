namespace Bot.Discord.Gateway;

/// <summary>
/// Keeps one connection alive: the first heartbeat after interval × jitter, then one per interval. A heartbeat that is
/// still unacknowledged when the next one is due means the connection is a zombie; <see cref="RunAsync"/> then returns true.
/// </summary>
internal sealed class Heartbeater(TimeSpan interval, TimeProvider time, Func<double> jitter, Func<CancellationToken, Task> sendHeartbeat)
{
    private int _awaitingAck;

    public TimeSpan Interval { get; } = interval;

    public void Acknowledge() => Volatile.Write(ref _awaitingAck, 0);

    /// <summary>Runs until cancelled (returns false) or until an acknowledgement is missed (returns true).</summary>
    public async Task<bool> RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(Interval * jitter(), time, cancellationToken).ConfigureAwait(false);
            while (true)
            {
                if (Interlocked.Exchange(ref _awaitingAck, 1) == 1)
                {
                    return true;
                }

                await sendHeartbeat(cancellationToken).ConfigureAwait(false);
                await Task.Delay(Interval, time, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
