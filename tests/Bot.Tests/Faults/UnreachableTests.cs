using System.Diagnostics;
using System.Text.Json.Nodes;
using Bot.Hosting;
using Bot.Search;
using Bot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Bot.Tests.Faults;

/// <summary>
/// Discord unreachable for a while (every connection reset, gateway and REST alike), then back: questions sent before,
/// during (Discord keeps them for the resume) and after are each answered once.
/// </summary>
public sealed class UnreachableTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Discord_unreachable_for_3_s_with_timings_scaled_tenfold_then_back()
    {
        // 30 s against a 1–60 s reconnect backoff, scaled: 3 s against 0.1–0.5 s.
        await OutageAsync(TimeSpan.FromSeconds(3), FaultChecks.ShortTimings);
    }

    [LongFaultFact]
    public async Task Discord_unreachable_for_30_s_with_real_timings_then_back_when_BOT_FAULTS_LONG_is_set()
    {
        await OutageAsync(TimeSpan.FromSeconds(30), new Dictionary<string, string?>());
    }

    [Fact]
    public async Task A_reply_being_sent_when_Discord_becomes_unreachable_is_posted_once_when_it_is_back()
    {
        // The client retries one request three times (0.1–0.4 s apart at this scale) and gives up well within the outage.
        SlowSearchIndex? slow = null;
        await using var bot = await BotUnderTest.StartAsync(new BotTestOptions
        {
            Configuration = FaultChecks.ShortTimings,
            Customize = services => services.AddSingleton<ISearchIndex>(p => slow = new SlowSearchIndex(p.GetRequiredService<LiveSearchIndex>(), TimeSpan.FromSeconds(1))),
        });
        var channel = BotUnderTest.NewId();
        var question = await bot.SendAsync(FaultChecks.Question(channel));
        await slow!.Searching.WaitAsync(BotUnderTest.Timeout);

        bot.Discord.SetUnreachable(true);
        await Task.Delay(TimeSpan.FromSeconds(3));
        bot.Discord.SetUnreachable(false);

        await bot.AssertEachAnsweredOnceAsync([question], output, TimeSpan.FromSeconds(30), "a reply in flight when Discord became unreachable for 3 s");
        Assert.Contains(bot.Log.Lines, l => l.Message.StartsWith($"Discord could not take the reply in channel {channel} yet", StringComparison.Ordinal));
    }

    private async Task OutageAsync(TimeSpan outage, IReadOnlyDictionary<string, string?> timings)
    {
        await using var bot = await BotUnderTest.StartAsync(new BotTestOptions { Configuration = timings });
        var channel = BotUnderTest.NewId();
        var sessions = bot.Discord.Gateway.Sessions.Count;
        var lastConnection = (await bot.LiveConnectionAsync()).Id;
        var before = await bot.SendQuestionsAsync(channel, 3);
        await bot.AssertEachAnsweredOnceAsync(before);

        bot.Discord.SetUnreachable(true);
        var clock = Stopwatch.StartNew();
        var during = new List<JsonObject>();
        while (clock.Elapsed < outage)
        {
            during.AddRange(await bot.SendQuestionsAsync(channel, 1));
            await Task.Delay(outage / 6);
        }
        bot.Discord.SetUnreachable(false);
        var back = Stopwatch.StartNew();
        await bot.WaitForResumedAsync(lastConnection, outage + TimeSpan.FromSeconds(60));
        output.WriteLine($"resumed {back.Elapsed.TotalSeconds:0.0} s after Discord was reachable again");
        var after = await bot.SendQuestionsAsync(channel, 3);

        await bot.AssertEachAnsweredOnceAsync([.. before, .. during, .. after], output, what: $"unreachable for {outage.TotalSeconds:0} s");
        Assert.Equal(sessions, bot.Discord.Gateway.Sessions.Count);
    }
}
