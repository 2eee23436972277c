using System.Globalization;
using Bot.Discord.Json;
using Bot.Discord.Models;

namespace Bot.Discord.Rest;

public sealed partial class RestClient
{
    public Task PinMessageAsync(ulong channelId, ulong messageId, CancellationToken cancellationToken = default) =>
        SendAsync(
            new Route(HttpMethod.Put, "/channels/{channel_id}/messages/pins/{message_id}", $"channels/{channelId}/messages/pins/{messageId}", Major(channelId)),
            cancellationToken);

    public Task UnpinMessageAsync(ulong channelId, ulong messageId, CancellationToken cancellationToken = default) =>
        SendAsync(
            new Route(HttpMethod.Delete, "/channels/{channel_id}/messages/pins/{message_id}", $"channels/{channelId}/messages/pins/{messageId}", Major(channelId)),
            cancellationToken);

    public Task<ChannelPins> GetChannelPinsAsync(ulong channelId, DateTimeOffset? before = null, int? limit = null, CancellationToken cancellationToken = default)
    {
        var query = new List<string>();
        if (before is { } timestamp)
        {
            query.Add("before=" + Uri.EscapeDataString(timestamp.ToString("O", CultureInfo.InvariantCulture)));
        }

        if (limit is { } count)
        {
            query.Add("limit=" + count.ToString(CultureInfo.InvariantCulture));
        }

        var path = $"channels/{channelId}/messages/pins" + (query.Count == 0 ? "" : "?" + string.Join('&', query));
        return SendAsync(
            new Route(HttpMethod.Get, "/channels/{channel_id}/messages/pins", path, Major(channelId)),
            DiscordJsonContext.Wire.ChannelPins,
            cancellationToken);
    }
}
