using System.Text.Json.Serialization;

namespace Bot.Discord.Models;

/// <summary>A guild as in GUILD_CREATE, or an unavailable guild as listed in READY.</summary>
public sealed record Guild
{
    [JsonPropertyName("id")] public ulong Id { get; init; }
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("unavailable")] public bool Unavailable { get; init; }
}
