using System.Text.Json.Serialization;

namespace Bot.Discord.Models;

/// <summary>Which mentions in a message may notify. The client sends <see cref="None"/> unless a caller passes something else.</summary>
public sealed record AllowedMentions
{
    /// <summary>Mention types to parse from the content: "users", "roles", "everyone". Mutually exclusive with <see cref="Users"/>/<see cref="Roles"/> of the same type.</summary>
    [JsonPropertyName("parse")] public IReadOnlyList<string>? Parse { get; init; }
    [JsonPropertyName("users")] public IReadOnlyList<ulong>? Users { get; init; }
    [JsonPropertyName("roles")] public IReadOnlyList<ulong>? Roles { get; init; }
    [JsonPropertyName("replied_user")] public bool? RepliedUser { get; init; }

    /// <summary><c>{"parse":[]}</c>: nothing in the message pings anyone.</summary>
    public static AllowedMentions None { get; } = new() { Parse = [] };
}
