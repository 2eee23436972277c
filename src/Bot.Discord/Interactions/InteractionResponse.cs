using System.Text.Json.Serialization;
using Bot.Discord.Models;

namespace Bot.Discord.Interactions;

/// <summary>The body of <c>POST /interactions/{id}/{token}/callback</c>.</summary>
public sealed record InteractionResponse
{
    [JsonPropertyName("type")] public InteractionCallbackType Type { get; init; }
    [JsonPropertyName("data")] public InteractionCallbackData? Data { get; init; }

    public static InteractionResponse Message(string? content, IReadOnlyList<Embed>? embeds = null, IReadOnlyList<MessageComponent>? components = null, bool ephemeral = false) =>
        new()
        {
            Type = InteractionCallbackType.ChannelMessageWithSource,
            Data = new() { Content = content, Embeds = embeds, Components = components, Flags = ephemeral ? MessageFlags.Ephemeral : null },
        };

    /// <summary>Acknowledge now (the user sees "thinking…") and edit the original response later.</summary>
    public static InteractionResponse Defer(bool ephemeral = false) =>
        new()
        {
            Type = InteractionCallbackType.DeferredChannelMessageWithSource,
            Data = ephemeral ? new() { Flags = MessageFlags.Ephemeral } : null,
        };

    /// <summary>For components: acknowledge without a loading state and edit the message later.</summary>
    public static InteractionResponse DeferUpdate() => new() { Type = InteractionCallbackType.DeferredUpdateMessage };

    /// <summary>For components: edit the message the component is attached to.</summary>
    public static InteractionResponse UpdateMessage(string? content, IReadOnlyList<Embed>? embeds = null, IReadOnlyList<MessageComponent>? components = null) =>
        new()
        {
            Type = InteractionCallbackType.UpdateMessage,
            Data = new() { Content = content, Embeds = embeds, Components = components },
        };

    public static InteractionResponse Autocomplete(IReadOnlyList<ApplicationCommandOptionChoice> choices) =>
        new() { Type = InteractionCallbackType.ApplicationCommandAutocompleteResult, Data = new() { Choices = choices } };
}

public enum InteractionCallbackType
{
    Pong = 1,
    ChannelMessageWithSource = 4,
    DeferredChannelMessageWithSource = 5,
    DeferredUpdateMessage = 6,
    UpdateMessage = 7,
    ApplicationCommandAutocompleteResult = 8,
}

public sealed record InteractionCallbackData
{
    [JsonPropertyName("content")] public string? Content { get; init; }
    [JsonPropertyName("embeds")] public IReadOnlyList<Embed>? Embeds { get; init; }
    [JsonPropertyName("components")] public IReadOnlyList<MessageComponent>? Components { get; init; }
    [JsonPropertyName("flags")] public MessageFlags? Flags { get; init; }
    [JsonPropertyName("allowed_mentions")] public AllowedMentions? AllowedMentions { get; init; }

    /// <summary>Autocomplete suggestions (at most 25); only for <see cref="InteractionCallbackType.ApplicationCommandAutocompleteResult"/>.</summary>
    [JsonPropertyName("choices")] public IReadOnlyList<ApplicationCommandOptionChoice>? Choices { get; init; }
}
