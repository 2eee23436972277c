using System.Text.Json.Serialization;

namespace Bot.Discord.Models;

public sealed record Embed
{
    [JsonPropertyName("title")] public string? Title { get; init; }
    [JsonPropertyName("description")] public string? Description { get; init; }
    [JsonPropertyName("url")] public string? Url { get; init; }
    [JsonPropertyName("color")] public int? Color { get; init; }
    [JsonPropertyName("fields")] public IReadOnlyList<EmbedField>? Fields { get; init; }
    [JsonPropertyName("footer")] public EmbedFooter? Footer { get; init; }
    [JsonPropertyName("author")] public EmbedAuthor? Author { get; init; }
}

public sealed record EmbedField
{
    [JsonPropertyName("name")] public string Name { get; init; } = "";
    [JsonPropertyName("value")] public string Value { get; init; } = "";
    [JsonPropertyName("inline")] public bool? Inline { get; init; }
}

public sealed record EmbedFooter
{
    [JsonPropertyName("text")] public string Text { get; init; } = "";
    [JsonPropertyName("icon_url")] public string? IconUrl { get; init; }
}

public sealed record EmbedAuthor
{
    [JsonPropertyName("name")] public string Name { get; init; } = "";
    [JsonPropertyName("url")] public string? Url { get; init; }
    [JsonPropertyName("icon_url")] public string? IconUrl { get; init; }
}
