using System.Text.Json.Nodes;

namespace FakeDiscord;

/// <summary>
/// Builders for the <c>d</c> of MESSAGE_CREATE and INTERACTION_CREATE, shaped like Discord's. Each returns a mutable
/// <see cref="JsonObject"/> so a test can add, change or remove fields before dispatching it.
/// </summary>
public static class FakePayloads
{
    /// <summary>An ordinary member: View Channel, Send Messages, Add Reactions, Embed Links, Attach Files, Read Message History, Use Application Commands. No Pin or Manage Messages.</summary>
    public const string DefaultMemberPermissions = "2147601472";

    /// <summary>What the bot has in the channel: View Channel, Send Messages, Embed Links, Read Message History, Pin Messages.</summary>
    public const string BotPermissions = "2251799813770240";

    /// <summary>Pass as the member's permissions to act as a moderator who may pin (Pin Messages, 1 &lt;&lt; 51, added to the ordinary ones).</summary>
    public const string ModeratorPermissions = "2251801961286720";

    public static JsonObject User(ulong id, string username, bool bot = false) =>
        new() { ["id"] = id.ToString(), ["username"] = username, ["global_name"] = username, ["bot"] = bot };

    /// <summary>A user's message in a guild channel (or a DM when <paramref name="guildId"/> is null).</summary>
    public static JsonObject Message(
        ulong channelId, string content, ulong? guildId = null, JsonObject? author = null, IEnumerable<JsonObject>? mentions = null, ulong? id = null)
    {
        var message = new JsonObject
        {
            ["id"] = (id ?? Snowflakes.Next()).ToString(),
            ["channel_id"] = channelId.ToString(),
            ["author"] = author ?? User(800000000000000001, "asker"),
            ["content"] = content,
            ["timestamp"] = DateTimeOffset.UtcNow.ToString("O"),
            ["edited_timestamp"] = null,
            ["tts"] = false,
            ["mention_everyone"] = false,
            ["mentions"] = new JsonArray((mentions ?? []).Select(m => (JsonNode)m.DeepClone()).ToArray()),
            ["mention_roles"] = new JsonArray(),
            ["attachments"] = new JsonArray(),
            ["embeds"] = new JsonArray(),
            ["pinned"] = false,
            ["type"] = 0,
        };
        if (guildId is { } guild)
        {
            message["guild_id"] = guild.ToString();
        }

        return message;
    }

    /// <summary>A slash command; <paramref name="options"/> are name/type/value objects, see <see cref="Option"/>.</summary>
    public static JsonObject SlashCommand(
        string name, ulong channelId, ulong? guildId, IEnumerable<JsonObject>? options = null, JsonObject? user = null, string permissions = DefaultMemberPermissions) =>
        Interaction(2, channelId, guildId, user, permissions, new JsonObject
        {
            ["id"] = Snowflakes.Next().ToString(),
            ["name"] = name,
            ["type"] = 1,
            ["options"] = new JsonArray((options ?? []).Select(o => (JsonNode)o).ToArray()),
        });

    /// <summary>An autocomplete request while the user types <paramref name="typed"/> into option <paramref name="focusedOption"/>.</summary>
    public static JsonObject Autocomplete(string name, string focusedOption, string typed, ulong channelId, ulong? guildId) =>
        Interaction(4, channelId, guildId, null, DefaultMemberPermissions, new JsonObject
        {
            ["id"] = Snowflakes.Next().ToString(),
            ["name"] = name,
            ["type"] = 1,
            ["options"] = new JsonArray(new JsonObject { ["name"] = focusedOption, ["type"] = 3, ["value"] = typed, ["focused"] = true }),
        });

    /// <summary>A message context-menu command on <paramref name="target"/> (a message object, e.g. from <see cref="Message"/>).</summary>
    public static JsonObject MessageCommand(string name, JsonObject target, ulong? guildId, JsonObject? user = null, string permissions = DefaultMemberPermissions)
    {
        var targetId = target["id"]!.GetValue<string>();
        return Interaction(2, ulong.Parse(target["channel_id"]!.GetValue<string>()), guildId, user, permissions, new JsonObject
        {
            ["id"] = Snowflakes.Next().ToString(),
            ["name"] = name,
            ["type"] = 3,
            ["target_id"] = targetId,
            ["resolved"] = new JsonObject { ["messages"] = new JsonObject { [targetId] = target.DeepClone() } },
        });
    }

    /// <summary>A click on the button <paramref name="customId"/> of <paramref name="message"/>.</summary>
    public static JsonObject ButtonClick(string customId, JsonObject message, ulong? guildId, JsonObject? user = null, string permissions = DefaultMemberPermissions)
    {
        var interaction = Interaction(3, ulong.Parse(message["channel_id"]!.GetValue<string>()), guildId, user, permissions, new JsonObject
        {
            ["custom_id"] = customId,
            ["component_type"] = 2,
        });
        interaction["message"] = message.DeepClone();
        return interaction;
    }

    public static JsonObject Option(string name, int type, JsonNode? value) =>
        new() { ["name"] = name, ["type"] = type, ["value"] = value };

    private static JsonObject Interaction(int type, ulong channelId, ulong? guildId, JsonObject? user, string permissions, JsonObject data)
    {
        user ??= User(800000000000000001, "asker");
        var interaction = new JsonObject
        {
            ["id"] = Snowflakes.Next().ToString(),
            ["application_id"] = "900000000000000001",
            ["type"] = type,
            ["data"] = data,
            ["channel_id"] = channelId.ToString(),
            ["token"] = "interaction-token-" + Guid.NewGuid().ToString("N"),
            ["version"] = 1,
            ["app_permissions"] = BotPermissions,
            ["locale"] = "zh-CN",
        };
        if (guildId is { } guild)
        {
            interaction["guild_id"] = guild.ToString();
            interaction["guild_locale"] = "zh-CN";
            interaction["member"] = new JsonObject { ["user"] = user, ["roles"] = new JsonArray(), ["permissions"] = permissions, ["nick"] = null };
        }
        else
        {
            interaction["user"] = user;
        }

        return interaction;
    }
}
