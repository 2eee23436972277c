using System.Text.Json;
using System.Text.Json.Serialization;
using Bot.Discord.Json;
using Bot.Discord.Models;

namespace Bot.Discord.Interactions;

/// <summary>An application command definition, as sent to bulk overwrite and as returned by GET.</summary>
public sealed record ApplicationCommand
{
    /// <summary>Set by Discord; leave null in definitions.</summary>
    [JsonPropertyName("id")] public ulong? Id { get; init; }
    [JsonPropertyName("application_id")] public ulong? ApplicationId { get; init; }
    [JsonPropertyName("guild_id")] public ulong? GuildId { get; init; }
    [JsonPropertyName("type")] public ApplicationCommandType? Type { get; init; }
    [JsonPropertyName("name")] public string Name { get; init; } = "";
    [JsonPropertyName("name_localizations")] public IReadOnlyDictionary<string, string>? NameLocalizations { get; init; }

    /// <summary>1-100 characters for slash commands; empty for user and message commands.</summary>
    [JsonPropertyName("description")] public string Description { get; init; } = "";
    [JsonPropertyName("description_localizations")] public IReadOnlyDictionary<string, string>? DescriptionLocalizations { get; init; }
    [JsonPropertyName("options")] public IReadOnlyList<ApplicationCommandOption>? Options { get; init; }

    /// <summary>Members need all of these to see the command; null means everyone.</summary>
    [JsonPropertyName("default_member_permissions")] public Permissions? DefaultMemberPermissions { get; init; }

    /// <summary>Deprecated in favour of <see cref="Contexts"/>.</summary>
    [JsonPropertyName("dm_permission")] public bool? DmPermission { get; init; }
    [JsonPropertyName("contexts")] public IReadOnlyList<InteractionContextType>? Contexts { get; init; }
    [JsonPropertyName("integration_types")] public IReadOnlyList<int>? IntegrationTypes { get; init; }
    [JsonPropertyName("nsfw")] public bool? Nsfw { get; init; }
    [JsonPropertyName("version")] public ulong? Version { get; init; }
}

public enum ApplicationCommandType
{
    ChatInput = 1,
    User = 2,
    Message = 3,
}

public enum InteractionContextType
{
    Guild = 0,
    BotDm = 1,
    PrivateChannel = 2,
}

public sealed record ApplicationCommandOption
{
    [JsonPropertyName("type")] public ApplicationCommandOptionType Type { get; init; }
    [JsonPropertyName("name")] public string Name { get; init; } = "";
    [JsonPropertyName("name_localizations")] public IReadOnlyDictionary<string, string>? NameLocalizations { get; init; }
    [JsonPropertyName("description")] public string Description { get; init; } = "";
    [JsonPropertyName("description_localizations")] public IReadOnlyDictionary<string, string>? DescriptionLocalizations { get; init; }
    [JsonPropertyName("required")] public bool? Required { get; init; }
    [JsonPropertyName("choices")] public IReadOnlyList<ApplicationCommandOptionChoice>? Choices { get; init; }
    [JsonPropertyName("options")] public IReadOnlyList<ApplicationCommandOption>? Options { get; init; }
    [JsonPropertyName("min_value")] public double? MinValue { get; init; }
    [JsonPropertyName("max_value")] public double? MaxValue { get; init; }
    [JsonPropertyName("min_length")] public int? MinLength { get; init; }
    [JsonPropertyName("max_length")] public int? MaxLength { get; init; }

    /// <summary>May not be combined with <see cref="Choices"/>.</summary>
    [JsonPropertyName("autocomplete")] public bool? Autocomplete { get; init; }
}

public enum ApplicationCommandOptionType
{
    SubCommand = 1,
    SubCommandGroup = 2,
    String = 3,
    Integer = 4,
    Boolean = 5,
    User = 6,
    Channel = 7,
    Role = 8,
    Mentionable = 9,
    Number = 10,
    Attachment = 11,
}

public sealed record ApplicationCommandOptionChoice
{
    [JsonPropertyName("name")] public string Name { get; init; } = "";
    [JsonPropertyName("name_localizations")] public IReadOnlyDictionary<string, string>? NameLocalizations { get; init; }

    /// <summary>A string, integer or double matching the option's type.</summary>
    [JsonPropertyName("value")] public JsonElement Value { get; init; }

    public static ApplicationCommandOptionChoice String(string name, string value) =>
        new() { Name = name, Value = JsonSerializer.SerializeToElement(value, DiscordJsonContext.Wire.String) };

    public static ApplicationCommandOptionChoice Integer(string name, long value) =>
        new() { Name = name, Value = JsonSerializer.SerializeToElement(value, DiscordJsonContext.Wire.Int64) };
}
