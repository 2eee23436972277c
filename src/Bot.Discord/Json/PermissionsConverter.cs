using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Bot.Discord.Models;

namespace Bot.Discord.Json;

/// <summary>Permissions travel as a decimal string because the bit set outgrew 53 bits (PIN_MESSAGES is 1 &lt;&lt; 51).</summary>
public sealed class PermissionsConverter : JsonConverter<Permissions>
{
    public override Permissions Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetUInt64(out var number))
        {
            return (Permissions)number;
        }

        if (reader.TokenType == JsonTokenType.String
            && ulong.TryParse(reader.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
        {
            return (Permissions)parsed;
        }

        throw new JsonException("Expected a permission bit set as a string of decimal digits.");
    }

    public override void Write(Utf8JsonWriter writer, Permissions value, JsonSerializerOptions options) =>
        writer.WriteStringValue(((ulong)value).ToString(CultureInfo.InvariantCulture));
}
