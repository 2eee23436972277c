namespace Bot.Discord.Gateway;

/// <summary>A connection to Discord's gateway that stays up (reconnecting and resuming as needed) and hands out events.</summary>
public interface IDiscordGateway
{
    /// <summary>
    /// Connects and keeps the connection alive until <paramref name="cancellationToken"/> is cancelled (then closes with 1000 and returns),
    /// or until Discord closes with a code reconnecting cannot fix (then throws <see cref="GatewayFatalException"/> whose message says what to do).
    /// Throws <see cref="Rest.DiscordUnauthorizedException"/> if Discord rejects the token on <c>/gateway/bot</c>.
    /// </summary>
    Task RunAsync(CancellationToken cancellationToken = default);

    /// <summary>True from READY or RESUMED until that connection ends: the bot receives events (a health check reads it).</summary>
    bool IsReady { get; }

    /// <summary>
    /// Events in the order Discord sent them, each exactly once per session (a resume's replay is de-duplicated by sequence number).
    /// Read by a single consumer; the stream ends when <see cref="RunAsync"/> ends. Reading slowly never delays heartbeats.
    /// </summary>
    IAsyncEnumerable<GatewayEvent> ReadEventsAsync(CancellationToken cancellationToken = default);
}
