using Bot.Discord.Rest;

namespace Bot.Discord.Interactions;

/// <summary>Registers the bot's commands with a bulk overwrite, but only when what Discord has differs from what we want.</summary>
public static class ApplicationCommandSync
{
    /// <summary>Returns true when the commands were overwritten, false when Discord already had them.</summary>
    /// <param name="guildId">Register in this guild (updates instantly) instead of globally.</param>
    public static async Task<bool> SyncAsync(
        IDiscordRest rest,
        ulong applicationId,
        ulong? guildId,
        IReadOnlyList<ApplicationCommand> desired,
        CancellationToken cancellationToken = default)
    {
        var existing = guildId is { } guild
            ? await rest.GetGuildCommandsAsync(applicationId, guild, cancellationToken).ConfigureAwait(false)
            : await rest.GetGlobalCommandsAsync(applicationId, cancellationToken).ConfigureAwait(false);

        if (ApplicationCommandComparer.AreEquivalent(desired, existing))
        {
            return false;
        }

        if (guildId is { } target)
        {
            await rest.OverwriteGuildCommandsAsync(applicationId, target, desired, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await rest.OverwriteGlobalCommandsAsync(applicationId, desired, cancellationToken).ConfigureAwait(false);
        }

        return true;
    }
}
