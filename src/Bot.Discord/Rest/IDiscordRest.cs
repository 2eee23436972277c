using Bot.Discord.Interactions;
using Bot.Discord.Models;

namespace Bot.Discord.Rest;

/// <summary>
/// The REST calls the bot makes. Failures surface as <see cref="DiscordApiException"/> (with Discord's error code),
/// <see cref="DiscordUnauthorizedException"/>, <see cref="DiscordRateLimitedException"/> or <see cref="DiscordServerErrorException"/>.
/// Every message sent carries <c>allowed_mentions</c> <c>{"parse":[]}</c> unless the request says otherwise.
/// </summary>
public interface IDiscordRest
{
    Task<GatewayBotInfo> GetGatewayBotAsync(CancellationToken cancellationToken = default);

    Task<User> GetCurrentUserAsync(CancellationToken cancellationToken = default);

    Task<Application> GetCurrentApplicationAsync(CancellationToken cancellationToken = default);

    /// <summary>Posts a message. Safe to retry: the client sends a nonce with <c>enforce_nonce</c>, so a lost response cannot post twice.</summary>
    Task<Message> CreateMessageAsync(ulong channelId, CreateMessageRequest request, CancellationToken cancellationToken = default);

    Task<Message> EditMessageAsync(ulong channelId, ulong messageId, EditMessageRequest request, CancellationToken cancellationToken = default);

    Task<Message> GetMessageAsync(ulong channelId, ulong messageId, CancellationToken cancellationToken = default);

    /// <summary>The initial response to an interaction; must be sent within 3 seconds of receiving it.</summary>
    Task CreateInteractionResponseAsync(ulong interactionId, string interactionToken, InteractionResponse response, CancellationToken cancellationToken = default);

    Task<Message> EditOriginalResponseAsync(ulong applicationId, string interactionToken, WebhookMessageRequest request, CancellationToken cancellationToken = default);

    Task<Message> CreateFollowupMessageAsync(ulong applicationId, string interactionToken, WebhookMessageRequest request, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<ApplicationCommand>> GetGlobalCommandsAsync(ulong applicationId, CancellationToken cancellationToken = default);

    /// <summary>Replaces all global commands. New names count against a daily create limit: see <see cref="ApplicationCommandSync"/>.</summary>
    Task<IReadOnlyList<ApplicationCommand>> OverwriteGlobalCommandsAsync(ulong applicationId, IReadOnlyList<ApplicationCommand> commands, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<ApplicationCommand>> GetGuildCommandsAsync(ulong applicationId, ulong guildId, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<ApplicationCommand>> OverwriteGuildCommandsAsync(ulong applicationId, ulong guildId, IReadOnlyList<ApplicationCommand> commands, CancellationToken cancellationToken = default);

    /// <summary>Needs the Pin Messages permission (50013 otherwise); a channel holds at most 250 pins (30003).</summary>
    Task PinMessageAsync(ulong channelId, ulong messageId, CancellationToken cancellationToken = default);

    Task UnpinMessageAsync(ulong channelId, ulong messageId, CancellationToken cancellationToken = default);

    /// <summary>One page of pins, newest first; pass the last <see cref="MessagePin.PinnedAt"/> as <paramref name="before"/> for the next page.</summary>
    Task<ChannelPins> GetChannelPinsAsync(ulong channelId, DateTimeOffset? before = null, int? limit = null, CancellationToken cancellationToken = default);
}
