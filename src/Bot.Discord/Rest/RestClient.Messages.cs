using System.Globalization;
using Bot.Discord.Json;
using Bot.Discord.Models;

namespace Bot.Discord.Rest;

public sealed partial class RestClient
{
    public Task<Message> CreateMessageAsync(ulong channelId, CreateMessageRequest request, CancellationToken cancellationToken = default)
    {
        var body = request with
        {
            AllowedMentions = request.AllowedMentions ?? AllowedMentions.None,
            Nonce = request.Nonce ?? NewNonce(),
            EnforceNonce = request.EnforceNonce ?? true,
        };
        var route = new Route(
            HttpMethod.Post, "/channels/{channel_id}/messages", $"channels/{channelId}/messages", Major(channelId), retryOnServerError: body.EnforceNonce == true);
        return SendAsync(route, body, DiscordJsonContext.Wire.CreateMessageRequest, DiscordJsonContext.Wire.Message, cancellationToken);
    }

    public Task<Message> EditMessageAsync(ulong channelId, ulong messageId, EditMessageRequest request, CancellationToken cancellationToken = default)
    {
        var body = request with { AllowedMentions = request.AllowedMentions ?? AllowedMentions.None };
        var route = new Route(HttpMethod.Patch, "/channels/{channel_id}/messages/{message_id}", $"channels/{channelId}/messages/{messageId}", Major(channelId));
        return SendAsync(route, body, DiscordJsonContext.Wire.EditMessageRequest, DiscordJsonContext.Wire.Message, cancellationToken);
    }

    public Task<Message> GetMessageAsync(ulong channelId, ulong messageId, CancellationToken cancellationToken = default) =>
        SendAsync(
            new Route(HttpMethod.Get, "/channels/{channel_id}/messages/{message_id}", $"channels/{channelId}/messages/{messageId}", Major(channelId)),
            DiscordJsonContext.Wire.Message,
            cancellationToken);

    private static string Major(ulong id) => id.ToString(CultureInfo.InvariantCulture);

    /// <summary>Discord accepts up to 25 characters; a random 63-bit decimal is at most 19 and unique enough for its few-minute window.</summary>
    private static string NewNonce() => Random.Shared.NextInt64(1, long.MaxValue).ToString(CultureInfo.InvariantCulture);
}
