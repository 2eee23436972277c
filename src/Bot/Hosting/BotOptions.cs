using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Bot.Hosting;

/// <summary>
/// How the bot behaves on Discord: where it answers (Discord:GuildId, Discord:AnswerChannels, Discord:Prefix), how it
/// paces itself (Bot:CooldownQuestions, Bot:CooldownSeconds, Bot:DeferAfterMilliseconds) and how long it keeps the
/// questions it was asked (Bot:QuestionLogDays).
/// </summary>
internal sealed record BotOptions
{
    /// <summary>Register commands in this guild only (updates at once) instead of globally.</summary>
    public ulong? GuildId { get; init; }

    /// <summary>Channels where every message is a question.</summary>
    public IReadOnlySet<ulong> AnswerChannels { get; init; } = new HashSet<ulong>();

    public string Prefix { get; init; } = "?ask";

    /// <summary>A user may ask this many questions per <see cref="CooldownSeconds"/>; then one short notice.</summary>
    public int CooldownQuestions { get; init; } = 5;

    public int CooldownSeconds { get; init; } = 30;

    /// <summary>An interaction whose answer takes longer than this is deferred ("thinking…") and answered by edit.</summary>
    public int DeferAfterMilliseconds { get; init; } = 1500;

    /// <summary>Questions asked (for <c>/gaps</c> and <c>report</c>) are kept this many days, then deleted.</summary>
    public int QuestionLogDays { get; init; } = 30;

    public static BotOptions From(IConfiguration configuration)
    {
        var discord = configuration.GetSection("Discord");
        var bot = configuration.GetSection("Bot");
        return new BotOptions
        {
            GuildId = ParseId(discord["GuildId"], "Discord:GuildId"),
            AnswerChannels = discord.GetSection("AnswerChannels").GetChildren()
                .Select(c => ParseId(c.Value, "Discord:AnswerChannels"))
                .OfType<ulong>()
                .ToHashSet(),
            Prefix = discord["Prefix"] is { Length: > 0 } prefix ? prefix.Trim() : "?ask",
            CooldownQuestions = Positive(bot["CooldownQuestions"], 5),
            CooldownSeconds = Positive(bot["CooldownSeconds"], 30),
            DeferAfterMilliseconds = Positive(bot["DeferAfterMilliseconds"], 1500),
            QuestionLogDays = QuestionLogDaysIn(configuration),
        };
    }

    /// <summary>Bot:QuestionLogDays alone, for the command line, which needs no other setting.</summary>
    public static int QuestionLogDaysIn(IConfiguration configuration) => Positive(configuration["Bot:QuestionLogDays"], 30);

    private static ulong? ParseId(string? value, string key) =>
        string.IsNullOrWhiteSpace(value) ? null
        : ulong.TryParse(value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id
        : throw new FormatException($"{key} 必须是 Discord 的数字 ID（在 Discord 里开启开发者模式后右键复制），而不是 \"{value}\"。");

    private static int Positive(string? value, int fallback) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : fallback;
}
