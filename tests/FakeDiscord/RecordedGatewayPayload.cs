using System.Text.Json;

namespace FakeDiscord;

/// <summary>A payload on the fake gateway: received from the client, or sent to it.</summary>
/// <param name="Data">The <c>d</c> field; null when absent or not JSON.</param>
/// <param name="Length">Size in bytes as it travelled.</param>
/// <param name="At">Time since the server started.</param>
public sealed record RecordedGatewayPayload(
    int ConnectionId,
    int Op,
    JsonElement? Data,
    long? Sequence,
    string? EventName,
    int Length,
    TimeSpan At);
