using System.Globalization;
using Bot.Discord.Gateway;

namespace Bot.Settings;

/// <summary>
/// One configuration key: what appsettings.json gives it, and what is allowed, as a person reads it (null for any text).
/// <paramref name="IsAllowed"/> is only asked about values that are not blank; a blank value means the default.
/// </summary>
internal sealed record Setting(string Key, string Default, string? Allowed, Func<string, bool> IsAllowed);

/// <summary>Every key the bot reads (README, 配置), with its check. appsettings.json lists the same keys with these defaults.</summary>
internal static class SettingsCatalog
{
    public static readonly IReadOnlyList<Setting> All =
    [
        Text("Corpus:Path", "seeds"),
        Integer("Corpus:MaxFileMegabytes", 16, 1, 1024),
        Text("Index:Path", "data/bot.db"),
        Text("Discord:Token", ""),
        new("Discord:ApiBaseUrl", "https://discord.com/api/v10", "以 http:// 或 https:// 开头的完整网址，例如 https://discord.com/api/v10", IsHttpUrl),
        Id("Discord:GuildId"),
        Id("Discord:AnswerChannels"),
        Text("Discord:Prefix", "?ask"),
        Integer("Discord:ShardId", null, 0, 1023),
        Integer("Discord:ShardCount", null, 1, 1024),
        Integer("Discord:GlobalRequestsPerSecond", 50, 0, 10_000),
        new("Discord:Intents", "Guilds, GuildMessages, DirectMessages, MessageContent",
            $"用逗号分开的意图名（{string.Join("、", Enum.GetNames<GatewayIntents>().Where(n => n is not "None" and not "Default"))}）或一个非负整数", IsIntents),
        Duration("Discord:Timings:ReconnectBaseDelay", "00:00:01"),
        Duration("Discord:Timings:ReconnectMaxDelay", "00:01:00"),
        Duration("Discord:Timings:InvalidSessionMinDelay", "00:00:01"),
        Duration("Discord:Timings:InvalidSessionMaxDelay", "00:00:05"),
        Duration("Discord:Timings:IdentifySpacing", "00:00:05"),
        Duration("Discord:Timings:ConnectTimeout", "00:00:30"),
        Duration("Discord:Timings:RequestTimeout", "00:00:30"),
        Integer("Discord:Timings:ServerErrorRetries", 3, 0, 100),
        Duration("Discord:Timings:ServerErrorBaseDelay", "00:00:01"),
        Integer("Discord:Timings:RateLimitRetries", 5, 0, 100),
        Duration("Discord:Timings:UnattributedRateLimitBackoff", "00:01:00"),
        Integer("Bot:CooldownQuestions", 5, 1, 1_000_000),
        Integer("Bot:CooldownSeconds", 30, 1, 86_400),
        // Discord waits 3 s for an interaction's first response; the bot must defer before that.
        Integer("Bot:DeferAfterMilliseconds", 1500, 1, 2500),
        Integer("Bot:QuestionLogDays", 30, 1, 365),
        Integer("Metrics:Port", null, 1, 65_535),
        new("Metrics:Host", "127.0.0.1", "一个 IP 地址（127.0.0.1 只在本机可访问，0.0.0.0 是所有网卡）或 localhost", IsHost),
    ];

    public static Setting? Find(string key) => All.FirstOrDefault(s => s.Key.Equals(key, StringComparison.OrdinalIgnoreCase));

    private static Setting Text(string key, string fallback) => new(key, fallback, null, _ => true);

    private static Setting Integer(string key, int? fallback, int min, int max) =>
        new(key, fallback?.ToString(CultureInfo.InvariantCulture) ?? "", $" {min} 到 {max} 之间的整数",
            v => int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max);

    private static Setting Id(string key) =>
        new(key, "", "Discord 的数字 ID（在 Discord 里开启开发者模式后右键复制）",
            v => ulong.TryParse(v.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0);

    /// <summary>As the configuration binder reads a TimeSpan (invariant culture, e.g. 00:00:05), up to a day.</summary>
    private static Setting Duration(string key, string fallback) =>
        new(key, fallback, " 0 到 1 天之间的时长，写成 时:分:秒，例如 00:00:05 或 00:00:00.500",
            v => TimeSpan.TryParse(v, CultureInfo.InvariantCulture, out var t) && t >= TimeSpan.Zero && t <= TimeSpan.FromDays(1));

    public static TimeSpan? ParseDuration(string? value) =>
        TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out var t) ? t : null;

    private static bool IsHttpUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);

    private static bool IsIntents(string value) =>
        value.Trim() is { Length: > 0 } trimmed && char.IsDigit(trimmed[0])
            ? int.TryParse(trimmed, NumberStyles.None, CultureInfo.InvariantCulture, out _)
            : value.Split(',').All(name => Enum.TryParse<GatewayIntents>(name.Trim(), ignoreCase: true, out _) && !char.IsDigit(name.Trim().FirstOrDefault()));

    private static bool IsHost(string value) =>
        System.Net.IPAddress.TryParse(value, out _) || value.Equals("localhost", StringComparison.OrdinalIgnoreCase);
}
