using System.Text.Json;
using System.Text.Json.Serialization;

namespace Bot.Discord.Gateway;

internal enum GatewayOpCode
{
    Dispatch = 0,
    Heartbeat = 1,
    Identify = 2,
    Resume = 6,
    Reconnect = 7,
    InvalidSession = 9,
    Hello = 10,
    HeartbeatAck = 11,
}

/// <summary>The envelope of every received payload; <c>d</c> stays raw until the opcode and event name say what it is.</summary>
internal sealed record GatewayPayload
{
    [JsonPropertyName("op")] public int Op { get; init; } = -1;
    [JsonPropertyName("d")] public JsonElement? Data { get; init; }
    [JsonPropertyName("s")] public long? Sequence { get; init; }
    [JsonPropertyName("t")] public string? EventName { get; init; }
}

internal sealed record HelloData
{
    [JsonPropertyName("heartbeat_interval")] public int HeartbeatInterval { get; init; }
}

internal sealed record IdentifyData
{
    [JsonPropertyName("token")] public required string Token { get; init; }
    [JsonPropertyName("intents")] public required GatewayIntents Intents { get; init; }
    [JsonPropertyName("properties")] public required IdentifyProperties Properties { get; init; }
    [JsonPropertyName("shard")] public required int[] Shard { get; init; }
}

internal sealed record IdentifyProperties
{
    [JsonPropertyName("os")] public required string Os { get; init; }
    [JsonPropertyName("browser")] public required string Browser { get; init; }
    [JsonPropertyName("device")] public required string Device { get; init; }
}

internal sealed record ResumeData
{
    [JsonPropertyName("token")] public required string Token { get; init; }
    [JsonPropertyName("session_id")] public required string SessionId { get; init; }
    [JsonPropertyName("seq")] public required long Sequence { get; init; }
}
