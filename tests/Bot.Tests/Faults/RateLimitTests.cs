using System.Diagnostics;
using System.Text.Json.Nodes;
using Bot.Tests.Infrastructure;
using FakeDiscord;
using Xunit.Abstractions;

namespace Bot.Tests.Faults;

/// <summary>
/// Limits the fake enforces as Discord does (a per-channel bucket announced in X-RateLimit-* headers on every answer,
/// a global requests-per-second cap) and 429s Discord sends on its own (a global 429 storm): the bot answers every
/// question once and never earns a 429 of its own.
/// </summary>
public sealed class RateLimitTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Under_enforced_per_channel_and_global_limits_every_question_is_answered_once_without_a_single_violation()
    {
        await using var bot = await BotUnderTest.StartAsync(new BotTestOptions
        {
            Configuration = FaultChecks.ShortTimings.With(("Discord:GlobalRequestsPerSecond", "8")),
        });
        // Discord: 5 messages per 5 s per channel; here 2 per second per channel, and 8 requests per second in all.
        bot.Discord.Rest.AddRateLimit("POST /channels/{channel_id}/messages", 2, TimeSpan.FromSeconds(1));
        bot.Discord.Rest.GlobalRequestsPerSecond = 8;
        var busy = BotUnderTest.NewId();
        var clock = Stopwatch.StartNew();
        var questions = await bot.SendQuestionsAsync(busy, 6);
        foreach (var _ in Enumerable.Range(0, 10))
            questions.AddRange(await bot.SendQuestionsAsync(BotUnderTest.NewId(), 1));

        await bot.AssertEachAnsweredOnceAsync(questions, output, TimeSpan.FromSeconds(30), "16 questions under 2/s per channel and 8/s in all");
        output.WriteLine($"answered in {clock.Elapsed.TotalSeconds:0.0} s; 429s earned: {bot.Discord.Rest.RateLimitViolations}");
        Assert.Equal(0, bot.Discord.Rest.RateLimitViolations);
        // The limits were really in the way: six replies at two a second in one channel take more than two seconds.
        var posts = bot.PostsIn(busy).Select(r => r.ReceivedAt).Order().ToList();
        Assert.True(posts[^1] - posts[0] >= TimeSpan.FromSeconds(2), $"six replies in {(posts[^1] - posts[0]).TotalMilliseconds:0} ms");
    }

    [Fact]
    public async Task A_global_429_storm_pauses_every_channel_and_loses_and_doubles_nothing()
    {
        await using var bot = await BotUnderTest.StartAsync(new BotTestOptions { Configuration = FaultChecks.ShortTimings });
        // Twelve global 429s (Retry-After 0.3 s) for whatever message posts come next, in any channel.
        bot.Discord.Rest.Enqueue("POST /channels/{channel_id}/messages", FakeResponse.RateLimited(0.3, global: true), times: 12);
        var channels = Enumerable.Range(0, 6).Select(_ => BotUnderTest.NewId()).ToList();
        var questions = new List<JsonObject>();
        foreach (var channel in channels)
            questions.AddRange(await bot.SendQuestionsAsync(channel, 2));

        await bot.AssertEachAnsweredOnceAsync(questions, output, TimeSpan.FromSeconds(30), "12 global 429s over 6 channels");
        Assert.Equal(12, channels.Sum(c => bot.PostsIn(c).Count(r => r.StatusCode == 429)));
        Assert.Contains(bot.Log.Lines, l => l.Message.StartsWith("Global rate limit hit", StringComparison.Ordinal));
    }
}
