using System.Text.Json.Serialization;

namespace Bot.Discord.Models;

public sealed record User
{
    [JsonPropertyName("id")] public ulong Id { get; init; }
    [JsonPropertyName("username")] public string Username { get; init; } = "";
    [JsonPropertyName("global_name")] public string? GlobalName { get; init; }
    [JsonPropertyName("bot")] public bool Bot { get; init; }

    [JsonIgnore] public string DisplayName => string.IsNullOrEmpty(GlobalName) ? Username : GlobalName;
}
