using System.Text.Json;

namespace Bot.Discord.Interactions;

/// <summary>
/// Decides whether the commands Discord has registered already match the ones we want, so that the
/// bulk overwrite (which counts new commands against a daily create limit) is only sent when something changed.
/// Fields Discord fills in with defaults are compared as those defaults; fields the desired definition leaves
/// null where Discord applies an application-level default (contexts, integration types, dm_permission) are not compared.
/// </summary>
public static class ApplicationCommandComparer
{
    public static bool AreEquivalent(IReadOnlyList<ApplicationCommand> desired, IReadOnlyList<ApplicationCommand> existing)
    {
        if (desired.Count != existing.Count)
        {
            return false;
        }

        var byKey = new Dictionary<(ApplicationCommandType, string), ApplicationCommand>();
        foreach (var command in existing)
        {
            if (!byKey.TryAdd(Key(command), command))
            {
                return false;
            }
        }

        return desired.All(d => byKey.TryGetValue(Key(d), out var e) && CommandEquals(d, e));
    }

    private static (ApplicationCommandType, string) Key(ApplicationCommand command) =>
        (command.Type ?? ApplicationCommandType.ChatInput, command.Name);

    private static bool CommandEquals(ApplicationCommand desired, ApplicationCommand existing) =>
        desired.Description == existing.Description
        && LocalizationsEqual(desired.NameLocalizations, existing.NameLocalizations)
        && LocalizationsEqual(desired.DescriptionLocalizations, existing.DescriptionLocalizations)
        && desired.DefaultMemberPermissions == existing.DefaultMemberPermissions
        && (desired.Nsfw ?? false) == (existing.Nsfw ?? false)
        && (desired.DmPermission is null || desired.DmPermission == (existing.DmPermission ?? true))
        && (desired.Contexts is null || SetEquals(desired.Contexts, existing.Contexts))
        && (desired.IntegrationTypes is null || SetEquals(desired.IntegrationTypes, existing.IntegrationTypes))
        && OptionsEqual(desired.Options, existing.Options);

    private static bool OptionsEqual(IReadOnlyList<ApplicationCommandOption>? desired, IReadOnlyList<ApplicationCommandOption>? existing)
    {
        desired ??= [];
        existing ??= [];
        return desired.Count == existing.Count && desired.Zip(existing).All(pair => OptionEquals(pair.First, pair.Second));
    }

    private static bool OptionEquals(ApplicationCommandOption desired, ApplicationCommandOption existing) =>
        desired.Type == existing.Type
        && desired.Name == existing.Name
        && desired.Description == existing.Description
        && LocalizationsEqual(desired.NameLocalizations, existing.NameLocalizations)
        && LocalizationsEqual(desired.DescriptionLocalizations, existing.DescriptionLocalizations)
        && (desired.Required ?? false) == (existing.Required ?? false)
        && (desired.Autocomplete ?? false) == (existing.Autocomplete ?? false)
        && desired.MinLength == existing.MinLength
        && desired.MaxLength == existing.MaxLength
        && desired.MinValue == existing.MinValue
        && desired.MaxValue == existing.MaxValue
        && ChoicesEqual(desired.Choices, existing.Choices)
        && OptionsEqual(desired.Options, existing.Options);

    private static bool ChoicesEqual(IReadOnlyList<ApplicationCommandOptionChoice>? desired, IReadOnlyList<ApplicationCommandOptionChoice>? existing)
    {
        desired ??= [];
        existing ??= [];
        return desired.Count == existing.Count
            && desired.Zip(existing).All(pair =>
                pair.First.Name == pair.Second.Name
                && ValueEquals(pair.First.Value, pair.Second.Value)
                && LocalizationsEqual(pair.First.NameLocalizations, pair.Second.NameLocalizations));
    }

    private static bool ValueEquals(JsonElement a, JsonElement b) =>
        a.ValueKind == JsonValueKind.Number && b.ValueKind == JsonValueKind.Number
            ? a.GetDouble() == b.GetDouble()
            : a.ValueKind == b.ValueKind && a.GetRawText() == b.GetRawText();

    private static bool LocalizationsEqual(IReadOnlyDictionary<string, string>? a, IReadOnlyDictionary<string, string>? b)
    {
        a ??= new Dictionary<string, string>();
        b ??= new Dictionary<string, string>();
        return a.Count == b.Count && a.All(pair => b.TryGetValue(pair.Key, out var value) && value == pair.Value);
    }

    private static bool SetEquals<T>(IReadOnlyList<T> desired, IReadOnlyList<T>? existing) =>
        existing is not null && desired.ToHashSet().SetEquals(existing);
}
