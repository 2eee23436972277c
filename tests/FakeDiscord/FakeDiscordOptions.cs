namespace FakeDiscord;

/// <summary>How the fake Discord behaves. Everything has a sensible default for tests.</summary>
public sealed record FakeDiscordOptions
{
    /// <summary>The token the fake accepts (REST <c>Authorization: Bot …</c> and gateway identify). Null accepts any.</summary>
    public string? Token { get; init; } = "fake-token-not-a-secret";

    /// <summary>
    /// Sent in Hello; Discord's own value by default. A test that needs beats on the real clock sets a short one; a short
    /// one elsewhere lets a slow moment on a loaded machine pass for a zombie connection.
    /// </summary>
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromMilliseconds(41_250);

    public ulong ApplicationId { get; init; } = 900000000000000001;
    public ulong BotUserId { get; init; } = 900000000000000002;
    public string BotUserName { get; init; } = "TranscriptBot";

    /// <summary>Guilds announced in READY (as unavailable) and then with GUILD_CREATE, each to the shard that owns it.</summary>
    public IReadOnlyList<FakeGuild> Guilds { get; init; } = [new(900000000000000010, "Test Guild")];

    /// <summary>The shard count <c>/gateway/bot</c> recommends.</summary>
    public int RecommendedShards { get; init; } = 1;

    public int SessionStartTotal { get; init; } = 1000;
    public int SessionStartRemaining { get; init; } = 1000;
    public TimeSpan SessionStartResetAfter { get; init; } = TimeSpan.FromHours(20);
    public int MaxConcurrency { get; init; } = 1;

    /// <summary>When false, identifying with the MESSAGE_CONTENT intent closes the gateway with 4014, as when the intent is not enabled in the portal.</summary>
    public bool MessageContentIntentEnabled { get; init; } = true;

    /// <summary>Pins per channel before PUT pin fails with 30003 (Discord: 250).</summary>
    public int MaxPinsPerChannel { get; init; } = 250;

    /// <summary>An interaction not answered within this time is unknown (10062), as on Discord. Null disables the check.</summary>
    public TimeSpan? InteractionResponseDeadline { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Events kept per session for replay on resume.</summary>
    public int ReplayBufferSize { get; init; } = 10_000;

    /// <summary>
    /// The fake's clock: the times it records, its rate-limit windows, session-start resets, interaction deadline and
    /// scripted delays. A <see cref="TestClock"/> shared with the client makes all of them move only when the test says so.
    /// </summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Record every REST request and gateway payload. Turn off for long load tests to keep memory flat.</summary>
    public bool Record { get; init; } = true;
}

public sealed record FakeGuild(ulong Id, string Name);
