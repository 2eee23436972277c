using System.Text.Json.Serialization;

namespace Bot.Discord.Models;

/// <summary>
/// One record for the legacy component tree: an action row (type 1) holding buttons (type 2).
/// Other component types Discord may send are read into the same shape and keep their <see cref="Type"/>.
/// </summary>
public sealed record MessageComponent
{
    [JsonPropertyName("type")] public ComponentType Type { get; init; }
    [JsonPropertyName("components")] public IReadOnlyList<MessageComponent>? Components { get; init; }
    [JsonPropertyName("style")] public ButtonStyle? Style { get; init; }
    [JsonPropertyName("label")] public string? Label { get; init; }
    [JsonPropertyName("custom_id")] public string? CustomId { get; init; }
    [JsonPropertyName("emoji")] public PartialEmoji? Emoji { get; init; }
    [JsonPropertyName("url")] public string? Url { get; init; }
    [JsonPropertyName("disabled")] public bool? Disabled { get; init; }

    public static MessageComponent ActionRow(params MessageComponent[] components) =>
        new() { Type = ComponentType.ActionRow, Components = components };

    public static MessageComponent Button(ButtonStyle style, string label, string customId, PartialEmoji? emoji = null, bool disabled = false) =>
        new() { Type = ComponentType.Button, Style = style, Label = label, CustomId = customId, Emoji = emoji, Disabled = disabled ? true : null };
}

public enum ComponentType
{
    ActionRow = 1,
    Button = 2,
    StringSelect = 3,
    TextInput = 4,
}

public enum ButtonStyle
{
    Primary = 1,
    Secondary = 2,
    Success = 3,
    Danger = 4,
    Link = 5,
}

public sealed record PartialEmoji
{
    [JsonPropertyName("id")] public ulong? Id { get; init; }
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("animated")] public bool? Animated { get; init; }

    public static PartialEmoji Unicode(string emoji) => new() { Name = emoji };
}
