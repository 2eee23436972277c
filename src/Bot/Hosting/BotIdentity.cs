namespace Bot.Hosting;

/// <summary>Who the bot is on Discord, learned from READY.</summary>
internal sealed class BotIdentity
{
    private readonly TaskCompletionSource known = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile Snapshot? current;

    /// <summary>
    /// Completes once READY has been handled. Events are handled concurrently, so a message that came right after
    /// READY can be handled before it; it waits for this rather than mistaking a mention of the bot for none.
    /// </summary>
    public Task Known => known.Task;

    public ulong UserId => current?.UserId ?? 0;

    public ulong ApplicationId => current?.ApplicationId ?? 0;

    public void Set(ulong userId, ulong applicationId)
    {
        current = new Snapshot(userId, applicationId);
        known.TrySetResult();
    }

    private sealed record Snapshot(ulong UserId, ulong ApplicationId);
}
