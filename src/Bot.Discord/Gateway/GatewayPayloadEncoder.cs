using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Bot.Discord.Gateway;

/// <summary>Writes <c>{"op":…,"d":…}</c> and refuses anything over Discord's 4,096-byte limit (Discord would close with 4002).</summary>
internal static class GatewayPayloadEncoder
{
    public const int MaxPayloadBytes = 4096;

    public static byte[] Encode<T>(GatewayOpCode op, T data, JsonTypeInfo<T> dataType)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("op", (int)op);
            writer.WritePropertyName("d");
            JsonSerializer.Serialize(writer, data, dataType);
            writer.WriteEndObject();
        }

        if (buffer.WrittenCount > MaxPayloadBytes)
        {
            throw new GatewayPayloadTooLargeException(op.ToString(), buffer.WrittenCount);
        }

        return buffer.WrittenSpan.ToArray();
    }
}

/// <summary>A gateway payload would exceed 4,096 bytes. The message names the opcode and size only, never the content.</summary>
public sealed class GatewayPayloadTooLargeException(string opcode, int size)
    : DiscordException($"The gateway {opcode} payload is {size} bytes; Discord accepts at most {GatewayPayloadEncoder.MaxPayloadBytes}. It was not sent.")
{
    public int Size { get; } = size;
}
