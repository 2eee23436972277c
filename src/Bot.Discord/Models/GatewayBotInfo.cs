using System.Text.Json.Serialization;

namespace Bot.Discord.Models;

/// <summary><c>GET /gateway/bot</c>: where to connect, how many shards Discord recommends, and how many new sessions we may still start.</summary>
public sealed record GatewayBotInfo
{
    [JsonPropertyName("url")] public string Url { get; init; } = "";
    [JsonPropertyName("shards")] public int Shards { get; init; } = 1;
    [JsonPropertyName("session_start_limit")] public SessionStartLimit SessionStartLimit { get; init; } = new();
}

public sealed record SessionStartLimit
{
    [JsonPropertyName("total")] public int Total { get; init; } = 1000;
    [JsonPropertyName("remaining")] public int Remaining { get; init; } = 1000;

    /// <summary>Milliseconds until <see cref="Remaining"/> resets.</summary>
    [JsonPropertyName("reset_after")] public long ResetAfter { get; init; }
    [JsonPropertyName("max_concurrency")] public int MaxConcurrency { get; init; } = 1;
}
