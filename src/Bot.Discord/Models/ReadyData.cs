using System.Text.Json.Serialization;

namespace Bot.Discord.Models;

/// <summary>The READY dispatch: who we are, which guilds we are in, and what we need to resume.</summary>
public sealed record ReadyData
{
    [JsonPropertyName("v")] public int Version { get; init; }
    [JsonPropertyName("user")] public User? User { get; init; }
    [JsonPropertyName("guilds")] public IReadOnlyList<Guild> Guilds { get; init; } = [];
    [JsonPropertyName("session_id")] public string SessionId { get; init; } = "";
    [JsonPropertyName("resume_gateway_url")] public string ResumeGatewayUrl { get; init; } = "";
    [JsonPropertyName("shard")] public IReadOnlyList<int>? Shard { get; init; }
    [JsonPropertyName("application")] public Application? Application { get; init; }
}
