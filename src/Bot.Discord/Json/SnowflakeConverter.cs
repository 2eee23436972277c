using System.Buffers.Text;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Bot.Discord.Json;

/// <summary>Discord sends snowflakes as strings so that JavaScript clients keep full precision; we read strings (and numbers, to be lenient) and always write strings.</summary>
public sealed class SnowflakeConverter : JsonConverter<ulong>
{
    public override ulong Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetUInt64(out var number))
        {
            return number;
        }

        if (reader.TokenType == JsonTokenType.String && TryParse(ref reader, out var parsed))
        {
            return parsed;
        }

        throw new JsonException("Expected a snowflake (a string of decimal digits).");
    }

    public override void Write(Utf8JsonWriter writer, ulong value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString(CultureInfo.InvariantCulture));

    public override ulong ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        TryParse(ref reader, out var parsed) ? parsed : throw new JsonException("Expected a snowflake as the property name.");

    public override void WriteAsPropertyName(Utf8JsonWriter writer, ulong value, JsonSerializerOptions options) =>
        writer.WritePropertyName(value.ToString(CultureInfo.InvariantCulture));

    private static bool TryParse(ref Utf8JsonReader reader, out ulong value)
    {
        if (!reader.HasValueSequence && !reader.ValueIsEscaped)
        {
            return Utf8Parser.TryParse(reader.ValueSpan, out value, out var consumed) && consumed == reader.ValueSpan.Length;
        }

        return ulong.TryParse(reader.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }
}
