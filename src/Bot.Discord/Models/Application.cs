using System.Text.Json.Serialization;

namespace Bot.Discord.Models;

/// <summary>The current application (<c>GET /applications/@me</c>), or the partial one in READY (id and flags only).</summary>
public sealed record Application
{
    [JsonPropertyName("id")] public ulong Id { get; init; }
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("flags")] public int? Flags { get; init; }
    [JsonPropertyName("bot")] public User? Bot { get; init; }
}
