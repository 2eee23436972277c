namespace Bot.Discord.Gateway;

/// <summary>Delay before the next connection attempt: doubles with each consecutive failure up to a cap, with jitter so many bots do not reconnect in step.</summary>
internal sealed class ReconnectBackoff(TimeSpan baseDelay, TimeSpan maxDelay, Func<double> random)
{
    private int _failures;

    public TimeSpan NextDelay()
    {
        var exponential = baseDelay * Math.Pow(2, Math.Min(_failures, 30));
        var capped = exponential < maxDelay ? exponential : maxDelay;
        _failures++;
        return capped * (0.5 + (random() / 2));
    }

    /// <summary>After a connection reached READY or RESUMED.</summary>
    public void Reset() => _failures = 0;
}
