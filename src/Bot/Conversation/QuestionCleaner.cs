using System.Text.RegularExpressions;

namespace Bot.Conversation;

/// <summary>Removes what is Discord syntax rather than question (mentions, channels, custom emoji) and extra spaces.</summary>
internal sealed partial class QuestionCleaner
{
    public string Clean(string? text) =>
        text is null ? "" : Whitespace().Replace(DiscordSyntax().Replace(text, " "), " ").Trim();

    /// <summary>User, role and channel mentions, custom emoji, @everyone and @here.</summary>
    [GeneratedRegex(@"<@[!&]?\d+>|<#\d+>|<a?:\w+:\d+>|@everyone|@here")]
    private static partial Regex DiscordSyntax();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
