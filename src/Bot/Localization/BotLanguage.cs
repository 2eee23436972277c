using System.Globalization;
using Bot.Discord.Interactions;
using Bot.Search.Analysis;

namespace Bot.Localization;

/// <summary>
/// The language of the bot's own words (<see cref="Strings"/>): simplified Chinese, traditional Chinese (zh-TW) or English
/// (en-US). The handlers set it for the work at hand with <see cref="Use"/>: CurrentUICulture flows with that work into
/// its tasks, and is restored when the handler returns, so that each member is answered in their own language.
/// </summary>
internal static class BotLanguage
{
    public static CultureInfo Simplified { get; } = CultureInfo.GetCultureInfo("zh-CN");

    public static CultureInfo Traditional { get; } = CultureInfo.GetCultureInfo("zh-TW");

    public static CultureInfo English { get; } = CultureInfo.GetCultureInfo("en-US");

    /// <summary>The member's Discord language when the bot speaks it, else the server's, else simplified Chinese.</summary>
    public static CultureInfo Of(Interaction interaction) => Spoken(interaction.Locale) ?? Spoken(interaction.GuildLocale) ?? Simplified;

    /// <summary>A message carries no locale: a question written in traditional characters is answered in traditional words.</summary>
    public static CultureInfo OfQuestion(string question) => ChineseScript.IsTraditional(question) ? Traditional : Simplified;

    public static void Use(CultureInfo language) => CultureInfo.CurrentUICulture = language;

    /// <summary>A resource in a given language, whatever the current one (command definitions carry all three).</summary>
    public static string Word(string name, CultureInfo language) =>
        Strings.ResourceManager.GetString(name, language) ?? throw new InvalidOperationException($"No resource {name} in Localization/Strings.resx.");

    /// <summary>Discord's locales (developers/reference.mdx) the bot has words for.</summary>
    private static CultureInfo? Spoken(string? locale) => locale switch
    {
        "zh-CN" => Simplified,
        "zh-TW" => Traditional,
        "en-US" or "en-GB" => English,
        _ => null,
    };
}
