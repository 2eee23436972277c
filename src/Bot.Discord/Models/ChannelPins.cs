using System.Text.Json.Serialization;

namespace Bot.Discord.Models;

/// <summary>A page of <c>GET /channels/{channel.id}/messages/pins</c>.</summary>
public sealed record ChannelPins
{
    [JsonPropertyName("items")] public IReadOnlyList<MessagePin> Items { get; init; } = [];
    [JsonPropertyName("has_more")] public bool HasMore { get; init; }
}

public sealed record MessagePin
{
    [JsonPropertyName("pinned_at")] public DateTimeOffset PinnedAt { get; init; }
    [JsonPropertyName("message")] public Message? Message { get; init; }
}
