namespace FakeDiscord;

/// <summary>Discord-shaped ids: milliseconds since 2015-01-01 in the high bits, a process-wide counter in the low 22.</summary>
public static class Snowflakes
{
    private static readonly DateTimeOffset DiscordEpoch = new(2015, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static long _counter;

    public static ulong Next()
    {
        var milliseconds = (ulong)(DateTimeOffset.UtcNow - DiscordEpoch).TotalMilliseconds;
        var increment = (ulong)Interlocked.Increment(ref _counter) & 0x3FFFFF;
        return (milliseconds << 22) | increment;
    }
}
