using Bot.Discord.Interactions;
using Bot.Discord.Json;

namespace Bot.Discord.Rest;

public sealed partial class RestClient
{
    // with_localizations=true returns the full dictionaries, so ApplicationCommandComparer can compare them with our definitions.

    public Task<IReadOnlyList<ApplicationCommand>> GetGlobalCommandsAsync(ulong applicationId, CancellationToken cancellationToken = default) =>
        SendAsync(
            new Route(HttpMethod.Get, "/applications/{application_id}/commands", $"applications/{applicationId}/commands?with_localizations=true"),
            DiscordJsonContext.Wire.IReadOnlyListApplicationCommand,
            cancellationToken);

    public Task<IReadOnlyList<ApplicationCommand>> OverwriteGlobalCommandsAsync(
        ulong applicationId, IReadOnlyList<ApplicationCommand> commands, CancellationToken cancellationToken = default) =>
        SendAsync(
            new Route(HttpMethod.Put, "/applications/{application_id}/commands", $"applications/{applicationId}/commands"),
            commands,
            DiscordJsonContext.Wire.IReadOnlyListApplicationCommand,
            DiscordJsonContext.Wire.IReadOnlyListApplicationCommand,
            cancellationToken);

    public Task<IReadOnlyList<ApplicationCommand>> GetGuildCommandsAsync(ulong applicationId, ulong guildId, CancellationToken cancellationToken = default) =>
        SendAsync(
            new Route(
                HttpMethod.Get,
                "/applications/{application_id}/guilds/{guild_id}/commands",
                $"applications/{applicationId}/guilds/{guildId}/commands?with_localizations=true",
                Major(guildId)),
            DiscordJsonContext.Wire.IReadOnlyListApplicationCommand,
            cancellationToken);

    public Task<IReadOnlyList<ApplicationCommand>> OverwriteGuildCommandsAsync(
        ulong applicationId, ulong guildId, IReadOnlyList<ApplicationCommand> commands, CancellationToken cancellationToken = default) =>
        SendAsync(
            new Route(
                HttpMethod.Put,
                "/applications/{application_id}/guilds/{guild_id}/commands",
                $"applications/{applicationId}/guilds/{guildId}/commands",
                Major(guildId)),
            commands,
            DiscordJsonContext.Wire.IReadOnlyListApplicationCommand,
            DiscordJsonContext.Wire.IReadOnlyListApplicationCommand,
            cancellationToken);
}
