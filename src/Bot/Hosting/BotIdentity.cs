namespace Bot.Hosting;

/// <summary>Who the bot is on Discord, learned from READY.</summary>
internal sealed class BotIdentity
{
    private volatile Snapshot? current;

    public ulong UserId => current?.UserId ?? 0;

    public ulong ApplicationId => current?.ApplicationId ?? 0;

    public bool IsKnown => current is not null;

    public void Set(ulong userId, ulong applicationId) => current = new Snapshot(userId, applicationId);

    private sealed record Snapshot(ulong UserId, ulong ApplicationId);
}
