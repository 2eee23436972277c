namespace Bot.Discord.Rest.RateLimits;

/// <summary>
/// One Discord rate-limit bucket. Requests pass one at a time in arrival order (so replies in a channel keep
/// their order), and wait for <c>X-RateLimit-Reset-After</c> when the bucket is empty.
/// </summary>
internal sealed class BucketLimiter(TimeProvider time)
{
    /// <summary>Reset-After is rounded to the millisecond and timers may fire a millisecond early; a 429 costs far more than this wait.</summary>
    private static readonly TimeSpan ResetMargin = TimeSpan.FromMilliseconds(20);

    private readonly object _gate = new();
    private readonly Queue<Waiter> _waiters = new();
    private bool _held;
    private int? _remaining;
    private long _resetAt;

    /// <summary>Takes the caller's place in line synchronously; the task completes when it is the caller's turn.</summary>
    public Task EnterAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_held)
            {
                _held = true;
                return Task.CompletedTask;
            }

            var waiter = new Waiter();
            waiter.Registration = cancellationToken.Register(static state => ((Waiter)state!).TrySetCanceled(), waiter);
            _waiters.Enqueue(waiter);
            return waiter.Task;
        }
    }

    public void Exit()
    {
        lock (_gate)
        {
            while (_waiters.TryDequeue(out var next))
            {
                next.Registration.Dispose();
                if (next.TrySetResult())
                {
                    return;
                }
            }

            _held = false;
        }
    }

    /// <summary>Nobody is using or waiting for the bucket and it holds no pending limit: forgetting it loses nothing.</summary>
    public bool IsIdle()
    {
        lock (_gate)
        {
            return !_held && _waiters.Count == 0 && (_remaining is null || time.GetTimestamp() >= _resetAt);
        }
    }

    /// <summary>How long the holder must wait before sending; zero when the bucket has room or its limit has reset.</summary>
    public TimeSpan DelayBeforeSend()
    {
        lock (_gate)
        {
            if (_remaining is not 0)
            {
                return TimeSpan.Zero;
            }

            var delay = time.GetElapsedTime(time.GetTimestamp(), _resetAt);
            if (delay <= TimeSpan.Zero)
            {
                _remaining = null;
                return TimeSpan.Zero;
            }

            return delay;
        }
    }

    public void Update(RateLimitHeaders headers)
    {
        if (headers.Remaining is not { } remaining || headers.ResetAfter is not { } resetAfter)
        {
            return;
        }

        lock (_gate)
        {
            _remaining = remaining;
            _resetAt = Deadline(resetAfter);
        }
    }

    /// <summary>After a 429 on this bucket: nothing more until <paramref name="retryAfter"/> has passed.</summary>
    public void BlockFor(TimeSpan retryAfter)
    {
        lock (_gate)
        {
            _remaining = 0;
            _resetAt = Math.Max(_resetAt, Deadline(retryAfter));
        }
    }

    /// <summary>Carries a known limit over when the route moves to the bucket Discord named in <c>X-RateLimit-Bucket</c>.</summary>
    public void CopyLimitFrom(BucketLimiter other)
    {
        lock (other._gate)
        lock (_gate)
        {
            _remaining = other._remaining;
            _resetAt = other._resetAt;
        }
    }

    private long Deadline(TimeSpan after) =>
        time.GetTimestamp() + (long)((after + ResetMargin).TotalSeconds * time.TimestampFrequency);

    private sealed class Waiter() : TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)
    {
        public CancellationTokenRegistration Registration { get; set; }
    }
}
