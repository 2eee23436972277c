namespace Bot.Discord.Rest.RateLimits;

/// <summary>
/// The bot-wide limits: at most <c>requestsPerSecond</c> requests in any one-second window, a pause after a global 429
/// that holds every route bound to the global limit, and a harder pause after an unattributed 429 that holds everything.
/// </summary>
internal sealed class GlobalRateLimiter(TimeProvider time, int requestsPerSecond)
{
    private readonly object _gate = new();
    private readonly long _window = time.TimestampFrequency;

    // Send times in ascending order, including slots reserved in the future for requests that are waiting.
    private readonly List<long> _sends = [];
    private long _globalPauseUntil;
    private long _hardPauseUntil;

    /// <summary>Waits for any pause to end and, unless <paramref name="exempt"/>, for a slot in the window.</summary>
    public async ValueTask WaitAsync(bool exempt, CancellationToken cancellationToken)
    {
        TimeSpan pause;
        while ((pause = PauseRemaining(exempt)) > TimeSpan.Zero)
        {
            await Task.Delay(pause, time, cancellationToken).ConfigureAwait(false);
        }

        if (exempt || requestsPerSecond <= 0)
        {
            return;
        }

        var wait = ReserveSlot();
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>After a 429 with <c>global: true</c>.</summary>
    public void PauseGlobal(TimeSpan duration)
    {
        lock (_gate)
        {
            _globalPauseUntil = Math.Max(_globalPauseUntil, Deadline(duration));
        }
    }

    /// <summary>After a 429 without rate-limit headers: the block comes from Cloudflare and covers every request.</summary>
    public void PauseAll(TimeSpan duration)
    {
        lock (_gate)
        {
            _hardPauseUntil = Math.Max(_hardPauseUntil, Deadline(duration));
        }
    }

    public TimeSpan PauseRemaining(bool exempt)
    {
        lock (_gate)
        {
            var until = exempt ? _hardPauseUntil : Math.Max(_hardPauseUntil, _globalPauseUntil);
            return time.GetElapsedTime(time.GetTimestamp(), until);
        }
    }

    /// <summary>Takes the earliest time at which sending keeps every one-second window within the limit; waiters line up in order.</summary>
    private TimeSpan ReserveSlot()
    {
        lock (_gate)
        {
            var now = time.GetTimestamp();
            _sends.RemoveAll(sentAt => now - sentAt >= _window);
            var slot = _sends.Count < requestsPerSecond ? now : Math.Max(_sends[^requestsPerSecond] + _window, _sends[^1]);
            var index = _sends.BinarySearch(slot);
            _sends.Insert(index < 0 ? ~index : index, slot);
            return time.GetElapsedTime(now, slot);
        }
    }

    private long Deadline(TimeSpan duration) =>
        time.GetTimestamp() + (long)(duration.TotalSeconds * time.TimestampFrequency);
}
