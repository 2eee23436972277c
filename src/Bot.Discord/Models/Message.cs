using System.Text.Json;
using System.Text.Json.Serialization;

namespace Bot.Discord.Models;

/// <summary>A message as Discord sends it (developers/resources/message.mdx); every field tolerates being absent.</summary>
public sealed record Message
{
    [JsonPropertyName("id")] public ulong Id { get; init; }
    [JsonPropertyName("channel_id")] public ulong ChannelId { get; init; }
    [JsonPropertyName("guild_id")] public ulong? GuildId { get; init; }
    [JsonPropertyName("author")] public User? Author { get; init; }
    [JsonPropertyName("content")] public string Content { get; init; } = "";
    [JsonPropertyName("type")] public int Type { get; init; }
    [JsonPropertyName("mentions")] public IReadOnlyList<User> Mentions { get; init; } = [];
    [JsonPropertyName("mention_everyone")] public bool MentionEveryone { get; init; }
    [JsonPropertyName("message_reference")] public MessageReference? MessageReference { get; init; }
    [JsonPropertyName("webhook_id")] public ulong? WebhookId { get; init; }
    [JsonPropertyName("application_id")] public ulong? ApplicationId { get; init; }
    [JsonPropertyName("embeds")] public IReadOnlyList<Embed> Embeds { get; init; } = [];
    [JsonPropertyName("components")] public IReadOnlyList<MessageComponent> Components { get; init; } = [];
    [JsonPropertyName("flags")] public MessageFlags Flags { get; init; }
    [JsonPropertyName("nonce")] public JsonElement? Nonce { get; init; }
}

public sealed record MessageReference
{
    [JsonPropertyName("message_id")] public ulong? MessageId { get; init; }
    [JsonPropertyName("channel_id")] public ulong? ChannelId { get; init; }
    [JsonPropertyName("guild_id")] public ulong? GuildId { get; init; }

    /// <summary>When false, a reply to a deleted message is sent as a plain message instead of failing.</summary>
    [JsonPropertyName("fail_if_not_exists")] public bool? FailIfNotExists { get; init; }

    public static MessageReference ReplyTo(Message message) =>
        new() { MessageId = message.Id, ChannelId = message.ChannelId, GuildId = message.GuildId };
}

[Flags]
public enum MessageFlags
{
    None = 0,
    SuppressEmbeds = 1 << 2,
    Ephemeral = 1 << 6,
    Loading = 1 << 7,
    SuppressNotifications = 1 << 12,
    IsComponentsV2 = 1 << 15,
}
