using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Bot.Settings;

/// <summary>What a command needs of the settings beyond well-formed values.</summary>
[Flags]
internal enum SettingsUse
{
    Values = 0,

    /// <summary>Reads the corpus folder (serve, ask, search, index): it must exist.</summary>
    Corpus = 1,

    /// <summary>Connects to Discord (serve): a usable token.</summary>
    Discord = 2,
}

/// <summary>
/// Checks the settings before a command runs, the same for every command: each key of <see cref="SettingsCatalog"/>
/// that is set must hold an allowed value. The first problem comes back as one Chinese line naming the key, the value
/// and what is allowed; a value is never silently replaced by its default.
/// </summary>
internal static class SettingsValidator
{
    public static string? Check(BotSettings settings, SettingsUse use)
    {
        var configuration = settings.Configuration;
        foreach (var setting in SettingsCatalog.All)
        {
            foreach (var (key, value) in Values(configuration, setting.Key))
            {
                if (!string.IsNullOrWhiteSpace(value) && !setting.IsAllowed(value))
                    return $"设置 {key} 的值「{value}」不可用，允许的是{setting.Allowed}（{Where(key)}）。";
            }
        }

        if (Int(configuration["Discord:ShardId"]) is { } shard && Int(configuration["Discord:ShardCount"]) is { } count && shard >= count)
            return $"设置 Discord:ShardId 的值「{shard}」不可用：须在 0 到 Discord:ShardCount - 1（{count - 1}）之间。";
        if (Later(configuration, "Discord:Timings:ReconnectBaseDelay", "Discord:Timings:ReconnectMaxDelay") is { } reconnect)
            return reconnect;
        if (Later(configuration, "Discord:Timings:InvalidSessionMinDelay", "Discord:Timings:InvalidSessionMaxDelay") is { } invalidSession)
            return invalidSession;

        if (use.HasFlag(SettingsUse.Discord) && TokenProblem(settings.DiscordToken) is { } token)
            return token;
        if (use.HasFlag(SettingsUse.Corpus) && !Directory.Exists(settings.SearchIndex.CorpusPath))
        {
            return $"设置 Corpus:Path 指向的转录稿文件夹「{settings.SearchIndex.CorpusPath}」不存在：请创建它并放入转录稿，"
                + $"或把 Corpus:Path 设为已有的文件夹（相对路径从 {settings.Root} 算起）。";
        }
        return null;
    }

    /// <summary>What is wrong with the token, never the token itself.</summary>
    public static string? TokenProblem(string? token)
    {
        if (token is null)
        {
            return "未设置 Discord 机器人令牌。请先设置环境变量 DISCORD_TOKEN（例如 export DISCORD_TOKEN=你的令牌），"
                + "或在 appsettings.json 中填写 Discord:Token，然后再运行。令牌在 Discord 开发者门户 → 你的应用 → Bot → Reset Token 获取。";
        }
        if (string.IsNullOrWhiteSpace(token))
            return "Discord 机器人令牌（DISCORD_TOKEN 或 Discord:Token）只有空白：请填入开发者门户 → 你的应用 → Bot → Reset Token 给出的令牌。";
        if (token.StartsWith("Bot ", StringComparison.OrdinalIgnoreCase) || token.Any(char.IsWhiteSpace))
            return "Discord 机器人令牌（DISCORD_TOKEN 或 Discord:Token）要填令牌本身：不带「Bot 」前缀，不含空格或换行。";
        return null;
    }

    /// <summary>A key's value, or each element's for a list (Discord:AnswerChannels:0, :1 …).</summary>
    private static IEnumerable<(string Key, string? Value)> Values(IConfiguration configuration, string key)
    {
        var section = configuration.GetSection(key);
        var children = section.GetChildren().ToList();
        if (children.Count == 0)
            return [(key, section.Value)];
        return children.Select(c => (c.Path, c.Value));
    }

    private static string Where(string key) => $"在 appsettings.json 或环境变量 {key.Replace(":", "__", StringComparison.Ordinal)} 里设置";

    private static int? Int(string? value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;

    private static string? Later(IConfiguration configuration, string shorter, string longer)
    {
        var low = SettingsCatalog.ParseDuration(configuration[shorter]) ?? SettingsCatalog.ParseDuration(SettingsCatalog.Find(shorter)!.Default);
        var high = SettingsCatalog.ParseDuration(configuration[longer]) ?? SettingsCatalog.ParseDuration(SettingsCatalog.Find(longer)!.Default);
        return low > high ? $"设置 {longer} 的值「{configuration[longer] ?? SettingsCatalog.Find(longer)!.Default}」不可用：须不短于 {shorter}（{low}）。" : null;
    }
}
