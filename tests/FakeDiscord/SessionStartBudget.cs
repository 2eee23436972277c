
namespace FakeDiscord;

/// <summary>The <c>session_start_limit</c> of <c>/gateway/bot</c>: identifies use it up, and it refills once <c>reset_after</c> has passed.</summary>
internal sealed class SessionStartBudget(FakeDiscordOptions options, ServerClock clock)
{
    private readonly object _gate = new();
    private int _remaining = options.SessionStartRemaining;
    private TimeSpan _resetAt = clock.Elapsed + options.SessionStartResetAfter;
    private int _overLimit;

    public int OverLimit => Volatile.Read(ref _overLimit);

    public void Set(int remaining, TimeSpan resetAfter)
    {
        lock (_gate)
        {
            _remaining = remaining;
            _resetAt = clock.Elapsed + resetAfter;
        }
    }

    public (int Remaining, long ResetAfterMilliseconds) Current()
    {
        lock (_gate)
        {
            RefillIfDue();
            return (_remaining, (long)Math.Ceiling(Math.Max(0, (_resetAt - clock.Elapsed).TotalMilliseconds)));
        }
    }

    public void Take()
    {
        lock (_gate)
        {
            RefillIfDue();
            if (_remaining <= 0)
            {
                _overLimit++;
                return;
            }

            _remaining--;
        }
    }

    private void RefillIfDue()
    {
        if (clock.Elapsed >= _resetAt)
        {
            _remaining = options.SessionStartTotal;
            _resetAt = clock.Elapsed + options.SessionStartResetAfter;
        }
    }
}
