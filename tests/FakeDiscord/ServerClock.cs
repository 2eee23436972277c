namespace FakeDiscord;

/// <summary>The fake's time since it started, on <see cref="FakeDiscordOptions.Time"/>.</summary>
internal sealed class ServerClock(TimeProvider time)
{
    private readonly long _start = time.GetTimestamp();

    public TimeProvider Time => time;

    public TimeSpan Elapsed => time.GetElapsedTime(_start);
}
