using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Bot.Discord;
using Bot.Hosting;
using Bot.Metrics;
using Bot.Search;
using Bot.Settings;
using Bot.Tests.Infrastructure;

namespace Bot.Tests;

/// <summary>
/// One list of settings: appsettings.json gives every key the bot reads its default, the README's configuration table
/// documents the same keys, and the options classes they are bound to have no key the other two miss.
/// </summary>
public sealed partial class SettingsKeysTests
{
    [Fact]
    public void Appsettings_json_lists_every_key_with_its_default()
    {
        var file = AppsettingsKeys();

        Assert.Equal(SettingsCatalog.All.Select(s => s.Key).Order(StringComparer.Ordinal), file.Keys.Order(StringComparer.Ordinal));
        foreach (var setting in SettingsCatalog.All)
            Assert.True(file[setting.Key] == setting.Default, $"appsettings.json gives {setting.Key} \"{file[setting.Key]}\", the bot's default is \"{setting.Default}\"");
    }

    [Fact]
    public void The_README_configuration_table_documents_the_same_keys()
    {
        var readme = File.ReadAllText(Path.Combine(Repo.Root, "README.md"));
        var section = readme[readme.IndexOf("\n## 配置", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("\n## ", 3, StringComparison.Ordinal)];
        var documented = section.Split('\n')
            .Where(l => l.StartsWith("| `", StringComparison.Ordinal))
            .SelectMany(l => KeyInCell().Matches(l.Split('|')[1]).Select(m => m.Groups[1].Value))
            .ToHashSet();

        Assert.Equal(SettingsCatalog.All.Select(s => s.Key).Order(StringComparer.Ordinal), documented.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_bound_option_property_is_a_key()
    {
        var keys = SettingsCatalog.All.Select(s => s.Key).ToHashSet();
        var bound = Properties<DiscordClientOptions>("Discord", except: [nameof(DiscordClientOptions.UserAgentUrl), nameof(DiscordClientOptions.Timings)])
            .Concat(Properties<DiscordTimings>("Discord:Timings"))
            .Concat(Properties<MetricsOptions>("Metrics", except: [nameof(MetricsOptions.Address)]))
            .Concat(typeof(BotOptions).GetProperties().Select(p => p.Name is nameof(BotOptions.GuildId) or nameof(BotOptions.AnswerChannels) or nameof(BotOptions.Prefix) ? $"Discord:{p.Name}" : $"Bot:{p.Name}"))
            .Concat(["Corpus:Path", "Index:Path", $"Corpus:{nameof(SearchIndexOptions.MaxFileMegabytes)}"]);

        Assert.DoesNotContain(bound, k => !keys.Contains(k));
    }

    private static IEnumerable<string> Properties<T>(string section, string[]? except = null) =>
        typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => except?.Contains(p.Name) != true).Select(p => $"{section}:{p.Name}");

    /// <summary>Every leaf of appsettings.json but Logging (the framework's own), as Section:Key → its text.</summary>
    private static Dictionary<string, string> AppsettingsKeys()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(Repo.Root, "appsettings.json")));
        var keys = new Dictionary<string, string>();
        void Walk(JsonElement element, string path)
        {
            if (element.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in element.EnumerateObject())
                    Walk(property.Value, path.Length == 0 ? property.Name : $"{path}:{property.Name}");
            }
            else
            {
                keys[path] = element.ValueKind switch
                {
                    JsonValueKind.String => element.GetString()!,
                    JsonValueKind.Array => "",
                    _ => element.GetRawText(),
                };
            }
        }
        foreach (var section in json.RootElement.EnumerateObject().Where(p => p.Name != "Logging"))
            Walk(section.Value, section.Name);
        return keys;
    }

    [GeneratedRegex(@"`([A-Za-z]+(?::[A-Za-z]+)+)`")]
    private static partial Regex KeyInCell();
}
