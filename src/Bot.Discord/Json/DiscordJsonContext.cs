using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Bot.Discord.Gateway;
using Bot.Discord.Interactions;
using Bot.Discord.Models;
using Bot.Discord.Rest;

namespace Bot.Discord.Json;

/// <summary>
/// The one source-generated serializer context: no reflection, snowflakes and permissions as strings, nulls omitted when
/// writing, and a null where our model promises a value rejected when reading (the event is then logged and skipped).
/// </summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowReadingFromString,
    RespectNullableAnnotations = true,
    Converters = [typeof(SnowflakeConverter), typeof(PermissionsConverter)])]
[JsonSerializable(typeof(GatewayPayload))]
[JsonSerializable(typeof(HelloData))]
[JsonSerializable(typeof(IdentifyData))]
[JsonSerializable(typeof(ResumeData))]
[JsonSerializable(typeof(long?))]
[JsonSerializable(typeof(long))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(ReadyData))]
[JsonSerializable(typeof(Guild))]
[JsonSerializable(typeof(Message))]
[JsonSerializable(typeof(Interaction))]
[JsonSerializable(typeof(GatewayBotInfo))]
[JsonSerializable(typeof(User))]
[JsonSerializable(typeof(Application))]
[JsonSerializable(typeof(ChannelPins))]
[JsonSerializable(typeof(CreateMessageRequest))]
[JsonSerializable(typeof(EditMessageRequest))]
[JsonSerializable(typeof(WebhookMessageRequest))]
[JsonSerializable(typeof(InteractionResponse))]
[JsonSerializable(typeof(IReadOnlyList<ApplicationCommand>))]
[JsonSerializable(typeof(DiscordErrorBody))]
internal sealed partial class DiscordJsonContext : JsonSerializerContext
{
    /// <summary>
    /// The context the client uses: like Default, but Chinese text is written as is
    /// instead of as \u escapes, which keeps bodies half the size. The bodies go to Discord's API, never into HTML.
    /// </summary>
    public static DiscordJsonContext Wire => WireHolder.Instance;

    // A nested holder so that Default (initialised in the generated half of this class) exists first.
    private static class WireHolder
    {
        public static readonly DiscordJsonContext Instance =
            new(new JsonSerializerOptions(Default.Options) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }
}
