namespace Bot.Discord.Rest.RateLimits;

/// <summary>
/// The bot-wide limits: a token bucket of <c>requestsPerSecond</c> (burst of one second), a pause after a global 429
/// that holds every route bound to the global limit, and a harder pause after an unattributed 429 that holds everything.
/// </summary>
internal sealed class GlobalRateLimiter(TimeProvider time, double requestsPerSecond)
{
    private readonly object _gate = new();
    private double _tokens = Math.Max(requestsPerSecond, 0);
    private long _lastRefill = time.GetTimestamp();
    private long _globalPauseUntil;
    private long _hardPauseUntil;

    /// <summary>Waits for any pause to end and, unless <paramref name="exempt"/>, for a token.</summary>
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

        var wait = TakeToken();
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

    /// <summary>Takes a token, going into debt when none is left; the debt is the caller's wait, which keeps waiters in a fair line.</summary>
    private TimeSpan TakeToken()
    {
        lock (_gate)
        {
            var now = time.GetTimestamp();
            _tokens = Math.Min(requestsPerSecond, _tokens + time.GetElapsedTime(_lastRefill, now).TotalSeconds * requestsPerSecond);
            _lastRefill = now;
            _tokens -= 1;
            return _tokens >= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(-_tokens / requestsPerSecond);
        }
    }

    private long Deadline(TimeSpan duration) =>
        time.GetTimestamp() + (long)(duration.TotalSeconds * time.TimestampFrequency);
}
