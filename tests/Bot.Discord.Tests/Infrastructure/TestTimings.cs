namespace Bot.Discord.Tests.Infrastructure;

public static class TestTimings
{
    public const string Token = "fake-token-MTIzNDU2Nzg5.never-real.c2VjcmV0";

    /// <summary>Discord's waits scaled down to tens of milliseconds so the suite stays fast.</summary>
    public static DiscordTimings Fast { get; } = new()
    {
        ReconnectBaseDelay = TimeSpan.FromMilliseconds(20),
        ReconnectMaxDelay = TimeSpan.FromMilliseconds(200),
        InvalidSessionMinDelay = TimeSpan.FromMilliseconds(300),
        InvalidSessionMaxDelay = TimeSpan.FromMilliseconds(400),
        IdentifySpacing = TimeSpan.Zero,
        ConnectTimeout = TimeSpan.FromSeconds(5),
        RequestTimeout = TimeSpan.FromSeconds(5),
        ServerErrorRetries = 3,
        ServerErrorBaseDelay = TimeSpan.FromMilliseconds(20),
        RateLimitRetries = 5,
        UnattributedRateLimitBackoff = TimeSpan.FromMilliseconds(400),
    };
}
