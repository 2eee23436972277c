using System.Text.Json;
using System.Text.Json.Serialization;
using Bot.Discord.Models;

namespace Bot.Discord.Rest;

/// <summary>Body of <c>POST /channels/{channel.id}/messages</c>.</summary>
public sealed record CreateMessageRequest
{
    [JsonPropertyName("content")] public string? Content { get; init; }
    [JsonPropertyName("embeds")] public IReadOnlyList<Embed>? Embeds { get; init; }
    [JsonPropertyName("components")] public IReadOnlyList<MessageComponent>? Components { get; init; }

    /// <summary>Null means <see cref="Models.AllowedMentions.None"/>: the client never lets a message ping by default.</summary>
    [JsonPropertyName("allowed_mentions")] public AllowedMentions? AllowedMentions { get; init; }

    /// <summary>Set to make the message a reply.</summary>
    [JsonPropertyName("message_reference")] public MessageReference? MessageReference { get; init; }

    /// <summary>Up to 25 characters; the client generates one when null so that a retry cannot post twice.</summary>
    [JsonPropertyName("nonce")] public string? Nonce { get; init; }

    /// <summary>Null means true: Discord returns the existing message when the nonce was already used.</summary>
    [JsonPropertyName("enforce_nonce")] public bool? EnforceNonce { get; init; }
    [JsonPropertyName("flags")] public MessageFlags? Flags { get; init; }
}

/// <summary>Body of <c>PATCH /channels/{channel.id}/messages/{message.id}</c>; null fields are left unchanged.</summary>
public sealed record EditMessageRequest
{
    [JsonPropertyName("content")] public string? Content { get; init; }
    [JsonPropertyName("embeds")] public IReadOnlyList<Embed>? Embeds { get; init; }
    [JsonPropertyName("components")] public IReadOnlyList<MessageComponent>? Components { get; init; }

    /// <summary>Null means <see cref="Models.AllowedMentions.None"/>; an edit without it would re-parse mentions with Discord's permissive defaults.</summary>
    [JsonPropertyName("allowed_mentions")] public AllowedMentions? AllowedMentions { get; init; }
    [JsonPropertyName("flags")] public MessageFlags? Flags { get; init; }
}

/// <summary>Body of an interaction follow-up or of an edit of the original interaction response.</summary>
public sealed record WebhookMessageRequest
{
    [JsonPropertyName("content")] public string? Content { get; init; }
    [JsonPropertyName("embeds")] public IReadOnlyList<Embed>? Embeds { get; init; }
    [JsonPropertyName("components")] public IReadOnlyList<MessageComponent>? Components { get; init; }

    /// <summary>Null means <see cref="Models.AllowedMentions.None"/>.</summary>
    [JsonPropertyName("allowed_mentions")] public AllowedMentions? AllowedMentions { get; init; }

    /// <summary>Ephemeral (64) applies to follow-ups only.</summary>
    [JsonPropertyName("flags")] public MessageFlags? Flags { get; init; }
}

/// <summary>Discord's error body: <c>{"code": 50013, "message": "Missing Permissions", "errors": {...}}</c>, or a 429 body.</summary>
internal sealed record DiscordErrorBody
{
    [JsonPropertyName("code")] public int? Code { get; init; }
    [JsonPropertyName("message")] public string? Message { get; init; }
    [JsonPropertyName("errors")] public JsonElement? Errors { get; init; }
    [JsonPropertyName("retry_after")] public double? RetryAfter { get; init; }
    [JsonPropertyName("global")] public bool Global { get; init; }
}
