using Bot.Hosting;
using Bot.Storage;
using Bot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Bot.Tests;

/// <summary>Questions are kept <c>Bot:QuestionLogDays</c> days: older ones are deleted when the bot starts and once a day.</summary>
public sealed class QuestionLogRetentionTests
{
    private readonly ulong guild = BotUnderTest.DefaultGuildId;
    private readonly ulong channel = BotUnderTest.NewId();

    [Fact]
    public async Task Questions_older_than_the_setting_are_gone_after_a_restart()
    {
        await using var bot = await BotUnderTest.StartAsync(new BotTestOptions { Configuration = new Dictionary<string, string?> { ["Bot:QuestionLogDays"] = "7" } });
        var now = DateTimeOffset.UtcNow;
        bot.Questions.Record(new LoggedQuestion(guild, channel, "八天前问的问题", now.AddDays(-8), 0, null, null));
        bot.Questions.Record(new LoggedQuestion(guild, channel, "六天前问的问题", now.AddDays(-6), 0, null, null));
        await bot.AskAsync(BotUnderTest.UserMessage(channel, "?ask 红烧肉怎么做才好吃", guild));
        Assert.Equal(3, Logged(bot).Count);

        await bot.RestartBotAsync();

        Assert.Equal(["红烧肉怎么做才好吃", "六天前问的问题"], Logged(bot));
        Assert.Contains(bot.Log.Lines, l => l.Message == "Deleted 1 logged questions older than 7 days (Bot:QuestionLogDays)");
        // /gaps looks back as far as questions are kept, and says how long that is.
        var gaps = await bot.InteractAsync(BotUnderTest.Slash("gaps", channel, guild, permissions: (1UL << 13).ToString()));
        var embed = gaps.Data.SingleEmbed();
        Assert.Equal("本服务器最近 7 天的问答缺口", embed.Title);
        Assert.Contains("六天前问的问题", embed.Description);
        Assert.Contains("提问记录保留 7 天", embed.Footer);
    }

    [Fact]
    public async Task While_the_bot_runs_the_questions_that_grow_too_old_are_deleted_once_a_day()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var bot = await BotUnderTest.StartAsync(new BotTestOptions { Customize = services => RetentionOn(services, clock) });
        var now = clock.GetUtcNow();
        bot.Questions.Record(new LoggedQuestion(guild, channel, "二十九天半前问的问题", now - TimeSpan.FromDays(29.5), 0, null, null));
        bot.Questions.Record(new LoggedQuestion(guild, channel, "昨天问的问题", now - TimeSpan.FromDays(1), 0, null, null));

        clock.Advance(TimeSpan.FromDays(1));

        await bot.Log.WaitForAsync(l => l.Message == "Deleted 1 logged questions older than 30 days (Bot:QuestionLogDays)");
        Assert.Equal(["昨天问的问题"], Logged(bot));
    }

    private IReadOnlyList<string> Logged(BotUnderTest bot) =>
        bot.Questions.AskedIn(guild, DateTimeOffset.UtcNow.AddDays(-60)).Select(q => q.Question).ToList();

    /// <summary>The bot as composed, but the daily deletion runs on <paramref name="clock"/>, which the test moves.</summary>
    private static void RetentionOn(IServiceCollection services, TimeProvider clock)
    {
        services.Remove(services.Single(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(QuestionLogRetention)));
        services.AddHostedService(p => new QuestionLogRetention(
            p.GetRequiredService<QuestionLog>(), p.GetRequiredService<BotOptions>(), clock, p.GetRequiredService<ILogger<QuestionLogRetention>>()));
    }
}
