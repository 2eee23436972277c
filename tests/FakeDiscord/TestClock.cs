using Microsoft.Extensions.Time.Testing;

namespace FakeDiscord;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that also records each timer started on it (every <c>Task.Delay</c>, timed
/// <c>CancellationTokenSource</c> or <c>ITimer</c> of the code under test), so that a test can wait until that code is
/// waiting on the clock before moving it. FakeTimeProvider cannot tell that, and moving it too early makes the code wait
/// its whole delay from the new time.
/// </summary>
public sealed class TestClock() : FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero))
{
    private readonly RecordLog<StartedTimer> _timers = new();
    private int _started;
    private int _lastReturned;

    /// <summary>Every timer started so far, in order.</summary>
    public IReadOnlyList<StartedTimer> Timers => _timers.Snapshot();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        _timers.Add(new StartedTimer(Interlocked.Increment(ref _started), dueTime, GetTimestamp()));
        return timer;
    }

    /// <summary>From now on <see cref="NextTimerAsync"/> looks only at timers started later (e.g. when a shared bot's earlier work left some).</summary>
    public void SkipStartedTimers() => _lastReturned = Volatile.Read(ref _started);

    /// <summary>The first timer started after the one this method last returned whose due time matches (any when null).</summary>
    public async Task<StartedTimer> NextTimerAsync(Func<TimeSpan, bool>? due = null, TimeSpan? timeout = null)
    {
        var after = _lastReturned;
        var timer = await _timers.WaitAsync(t => t.Number > after && (due?.Invoke(t.Due) ?? true), timeout, "timer on the test clock").ConfigureAwait(false);
        _lastReturned = timer.Number;
        return timer;
    }

    /// <summary>Waits for the next timer started with <paramref name="due"/> and moves the clock to the moment it fires.</summary>
    public async Task AdvanceToNextTimerAsync(TimeSpan due)
    {
        var timer = await NextTimerAsync(d => d == due).ConfigureAwait(false);
        AdvanceTo(timer);
    }

    /// <summary>
    /// Until <paramref name="work"/> completes, moves the clock to each timer as the code starts it: for work whose every
    /// wait is on this clock, when the test checks what happens in which order and at what time on the clock.
    /// </summary>
    public async Task AdvanceUntilAsync(Task work, TimeSpan? timeout = null)
    {
        using var stop = new CancellationTokenSource();
        var hang = timeout ?? RecordLog<StartedTimer>.DefaultTimeout;
        var after = _lastReturned;
        try
        {
            while (!work.IsCompleted)
            {
                var seen = after;
                var next = _timers.WaitAsync(t => t.Number > seen, Timeout.InfiniteTimeSpan, "timer on the test clock", stop.Token);
                if (await Task.WhenAny(work, next).WaitAsync(hang).ConfigureAwait(false) == next)
                {
                    var timer = await next.ConfigureAwait(false);
                    AdvanceTo(timer);
                    after = timer.Number;
                }
            }
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            _lastReturned = after;
        }

        await work.ConfigureAwait(false);
    }

    /// <summary>Moves the clock to the moment <paramref name="timer"/> fires (not back if that has passed).</summary>
    public void AdvanceTo(StartedTimer timer)
    {
        var left = timer.Due - GetElapsedTime(timer.StartedAt);
        if (left > TimeSpan.Zero)
        {
            Advance(left);
        }
    }
}

/// <param name="Number">1 for the first timer started on the clock, and so on.</param>
/// <param name="StartedAt">The clock's timestamp when it was started.</param>
public sealed record StartedTimer(int Number, TimeSpan Due, long StartedAt);
