using System.Text.Json;
using System.Text.Json.Serialization;
using Bot.Discord.Models;

namespace Bot.Discord.Interactions;

/// <summary>An INTERACTION_CREATE payload (developers/interactions/receiving-and-responding.mdx).</summary>
public sealed record Interaction
{
    [JsonPropertyName("id")] public ulong Id { get; init; }
    [JsonPropertyName("application_id")] public ulong ApplicationId { get; init; }
    [JsonPropertyName("type")] public InteractionType Type { get; init; }
    [JsonPropertyName("data")] public InteractionData? Data { get; init; }
    [JsonPropertyName("guild_id")] public ulong? GuildId { get; init; }
    [JsonPropertyName("channel_id")] public ulong? ChannelId { get; init; }

    /// <summary>Present when invoked in a guild; carries the invoker's permissions in the channel.</summary>
    [JsonPropertyName("member")] public GuildMember? Member { get; init; }

    /// <summary>Present when invoked in a DM.</summary>
    [JsonPropertyName("user")] public User? User { get; init; }

    /// <summary>Continuation token for the callback and follow-ups; valid 15 minutes; treat it as a secret.</summary>
    [JsonPropertyName("token")] public string Token { get; init; } = "";

    /// <summary>For component interactions, the message the component is attached to.</summary>
    [JsonPropertyName("message")] public Message? Message { get; init; }
    [JsonPropertyName("app_permissions")] public Permissions AppPermissions { get; init; }
    [JsonPropertyName("locale")] public string? Locale { get; init; }
    [JsonPropertyName("guild_locale")] public string? GuildLocale { get; init; }

    [JsonIgnore] public User? InvokingUser => Member?.User ?? User;
}

public enum InteractionType
{
    Ping = 1,
    ApplicationCommand = 2,
    MessageComponent = 3,
    ApplicationCommandAutocomplete = 4,
    ModalSubmit = 5,
}

public sealed record GuildMember
{
    [JsonPropertyName("user")] public User? User { get; init; }
    [JsonPropertyName("nick")] public string? Nick { get; init; }
    [JsonPropertyName("roles")] public IReadOnlyList<ulong> Roles { get; init; } = [];

    /// <summary>Total permissions of the member in the channel, overwrites included (sent in interactions only).</summary>
    [JsonPropertyName("permissions")] public Permissions Permissions { get; init; }
}

/// <summary>The <c>data</c> of an application command, autocomplete, component or modal interaction.</summary>
public sealed record InteractionData
{
    [JsonPropertyName("id")] public ulong? Id { get; init; }
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("type")] public ApplicationCommandType? Type { get; init; }
    [JsonPropertyName("options")] public IReadOnlyList<InteractionOption>? Options { get; init; }
    [JsonPropertyName("resolved")] public ResolvedData? Resolved { get; init; }
    [JsonPropertyName("target_id")] public ulong? TargetId { get; init; }
    [JsonPropertyName("custom_id")] public string? CustomId { get; init; }
    [JsonPropertyName("component_type")] public ComponentType? ComponentType { get; init; }
    [JsonPropertyName("values")] public IReadOnlyList<string>? Values { get; init; }

    /// <summary>The option with this name at the top level, if the user supplied it.</summary>
    public InteractionOption? GetOption(string name) => Options?.FirstOrDefault(o => o.Name == name);
}

public sealed record InteractionOption
{
    [JsonPropertyName("name")] public string Name { get; init; } = "";
    [JsonPropertyName("type")] public ApplicationCommandOptionType Type { get; init; }

    /// <summary>A string, integer, double or boolean depending on <see cref="Type"/>.</summary>
    [JsonPropertyName("value")] public JsonElement? Value { get; init; }
    [JsonPropertyName("options")] public IReadOnlyList<InteractionOption>? Options { get; init; }

    /// <summary>True on the option the user is typing in, for autocomplete.</summary>
    [JsonPropertyName("focused")] public bool Focused { get; init; }

    public string? AsString() =>
        Value is { ValueKind: JsonValueKind.String } v ? v.GetString() : Value?.GetRawText();

    public long? AsInt64() =>
        Value is { ValueKind: JsonValueKind.Number } v && v.TryGetInt64(out var n) ? n : null;

    public bool? AsBoolean() =>
        Value?.ValueKind switch { JsonValueKind.True => true, JsonValueKind.False => false, _ => null };
}

public sealed record ResolvedData
{
    [JsonPropertyName("users")] public IReadOnlyDictionary<ulong, User>? Users { get; init; }

    /// <summary>The target of a message context-menu command.</summary>
    [JsonPropertyName("messages")] public IReadOnlyDictionary<ulong, Message>? Messages { get; init; }
}
