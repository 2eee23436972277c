using Bot.Discord.Interactions;
using Bot.Discord.Models;
using Bot.Hosting;
using Bot.Interactions;
using Bot.Localization;

namespace Bot.Gaps;

/// <summary>
/// <c>/gaps [days]</c>, for moderators: registered for members with Manage Messages only, and checked again here, since
/// a server can show the command to anyone and a forged interaction can claim anything.
/// </summary>
internal sealed class GapsCommand(GapFinder finder, InteractionResponder responder, BotOptions options)
{
    public const int MaxDays = 365;

    public static bool MaySee(Interaction interaction) =>
        interaction.Member is { } member && member.Permissions.HasFlag(Permissions.ManageMessages);

    public async Task RunAsync(Interaction interaction, InteractionData data, CancellationToken cancellationToken)
    {
        if (interaction.GuildId is not { } guildId)
        {
            await responder.TellAsync(interaction, Strings.GapsOnlyInServers, cancellationToken).ConfigureAwait(false);
            return;
        }
        if (!MaySee(interaction))
        {
            await responder.TellAsync(interaction, Strings.MayNotSeeGaps, cancellationToken).ConfigureAwait(false);
            return;
        }
        var days = (int)Math.Clamp(data.GetOption("days")?.AsInt64() ?? options.QuestionLogDays, 1, MaxDays);
        await responder.ReplyAsync(interaction, () => GapFormatter.Gaps(finder.ForGuild(guildId, days), days, options.QuestionLogDays),
            ephemeral: true, update: false, cancellationToken).ConfigureAwait(false);
    }
}
