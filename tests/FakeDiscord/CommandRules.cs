using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace FakeDiscord;

/// <summary>
/// Discord's rules for application command definitions (developers/interactions/application-commands.mdx): names,
/// descriptions and their localisations, keyed by Discord's locales (developers/reference.mdx). A bulk overwrite that
/// breaks one is refused with 50035, as Discord refuses it.
/// </summary>
internal static partial class CommandRules
{
    public static readonly IReadOnlySet<string> Locales = new HashSet<string>(StringComparer.Ordinal)
    {
        "id", "da", "de", "en-GB", "en-US", "es-ES", "es-419", "fr", "hr", "it", "lt", "hu", "nl", "no", "pl", "pt-BR", "ro", "fi",
        "sv-SE", "vi", "tr", "cs", "el", "bg", "ru", "uk", "hi", "th", "zh-CN", "ja", "zh-TW", "ko",
    };

    /// <summary>What is wrong with a command, or null when Discord would take it.</summary>
    public static string? Problem(JsonNode? command)
    {
        var type = command?["type"]?.GetValue<int>() ?? 1;
        var chatInput = type == 1;
        var name = command?["name"]?.GetValue<string>() ?? "";
        return NameProblem(name, chatInput, "name")
            ?? LocalizationProblem(command?["name_localizations"], value => NameProblem(value, chatInput, "name_localizations"))
            ?? (chatInput
                ? DescriptionProblem(command?["description"]?.GetValue<string>() ?? "", "description")
                    ?? LocalizationProblem(command?["description_localizations"], value => DescriptionProblem(value, "description_localizations"))
                    ?? OptionsProblem(command?["options"])
                : (command?["description"]?.GetValue<string>() ?? "") is "" ? null : $"{name}: description must be empty for a type {type} command");
    }

    private static string? OptionsProblem(JsonNode? options)
    {
        foreach (var option in options as JsonArray ?? [])
        {
            var problem = NameProblem(option?["name"]?.GetValue<string>() ?? "", chatInput: true, "options.name")
                ?? LocalizationProblem(option?["name_localizations"], value => NameProblem(value, chatInput: true, "options.name_localizations"))
                ?? DescriptionProblem(option?["description"]?.GetValue<string>() ?? "", "options.description")
                ?? LocalizationProblem(option?["description_localizations"], value => DescriptionProblem(value, "options.description_localizations"))
                ?? OptionsProblem(option?["options"]);
            if (problem is not null)
                return problem;
        }
        return null;
    }

    /// <summary>Slash command and option names match the naming regex, in lower case where a letter has one; context menus may mix case and spaces.</summary>
    private static string? NameProblem(string name, bool chatInput, string field)
    {
        if (name.Length is < 1 or > 32)
            return $"{field} \"{name}\" must be 1-32 characters";
        if (chatInput && (!ChatInputName().IsMatch(name) || name != name.ToLowerInvariant()))
            return $"{field} \"{name}\" breaks the naming rule ^[-_'\\p{{L}}\\p{{N}}\\p{{sc=Deva}}\\p{{sc=Thai}}]{{1,32}}$ in lower case";
        return null;
    }

    private static string? DescriptionProblem(string description, string field) =>
        description.Length is < 1 or > 100 ? $"{field} \"{description}\" must be 1-100 characters" : null;

    private static string? LocalizationProblem(JsonNode? localizations, Func<string, string?> valueProblem)
    {
        foreach (var (locale, value) in localizations as JsonObject ?? [])
        {
            if (!Locales.Contains(locale))
                return $"{locale} is not one of Discord's locales";
            if (valueProblem(value?.GetValue<string>() ?? "") is { } problem)
                return $"{locale}: {problem}";
        }
        return null;
    }

    [GeneratedRegex(@"^[-_'\p{L}\p{N}\p{IsDevanagari}\p{IsThai}]{1,32}$")]
    private static partial Regex ChatInputName();
}
