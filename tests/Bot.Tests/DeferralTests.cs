using Bot.Hosting;
using Bot.Interactions;
using Bot.Discord.Rest;
using Bot.Search;
using Bot.Tests.Infrastructure;
using FakeDiscord;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests;

/// <summary>
/// When search is slow, interactions are acknowledged after Bot:DeferAfterMilliseconds, within Discord's three seconds,
/// and answered by an edit. The responder and the fake's deadline run on one test clock, and the search waits until the
/// test lets it through, so the machine's speed decides nothing.
/// </summary>
public sealed class DeferralTests
{
    private const string Question = "Schulman 发明了哪些强化学习算法";
    private static readonly TimeSpan DeferAfter = TimeSpan.FromMilliseconds(1500);

    [Fact]
    public async Task A_slow_ask_is_deferred_in_time_and_then_answered_by_editing_the_response()
    {
        var clock = new TestClock();
        HeldSearchIndex search = null!;
        await using var bot = await BotUnderTest.StartAsync(new BotTestOptions
        {
            DeferAfterMilliseconds = (int)DeferAfter.TotalMilliseconds,
            ConfigureDiscord = o => o with { Time = clock },
            Customize = services =>
            {
                services.AddSingleton<ISearchIndex>(p => search = new HeldSearchIndex(p.GetRequiredService<LiveSearchIndex>()));
                services.AddSingleton(p => new InteractionResponder(
                    p.GetRequiredService<IDiscordRest>(), p.GetRequiredService<BotOptions>(), p.GetRequiredService<BotIdentity>(), clock));
            },
        });

        var ask = await DeferredAsync(bot, clock, BotUnderTest.Slash("ask", BotUnderTest.NewId(), options: [("question", 3, Question)]));

        // The fake answers a callback after its 3-second deadline with 10062; this one was accepted.
        Assert.Equal(5, ask.CallbackType);
        Assert.Equal(204, ask.Callback.StatusCode);
        search.Open();
        var edit = await ask.WaitForEditAsync();
        AnswerChecks.AssertAnswer(bot, Question, edit.SingleEmbed());
        var shown = ask.Original!;
        Assert.Equal(0, (shown["flags"].Int() ?? 0) & 128); // no longer "thinking…"
        Assert.StartsWith($"问：{Question}", shown.SingleEmbed().Title);
        Assert.Equal(["更多结果", "全文", "置顶", "有帮助", "没有帮助"], shown.Buttons().Select(b => b.Label));

        // "更多结果" on the slow bot: the click is acknowledged in time too, and the message edited in place.
        search.Close();
        var more = await DeferredAsync(bot, clock, Button(ask, "更多结果"));
        Assert.Equal(6, more.CallbackType);
        search.Open();
        var page = await more.WaitForEditAsync();
        Assert.StartsWith("第 4–", page.SingleEmbed().Footer);
    }

    /// <summary>Sends the interaction while searches are held; nothing is acknowledged until the clock reaches the deferral.</summary>
    private static async Task<InteractionResult> DeferredAsync(BotUnderTest bot, TestClock clock, System.Text.Json.Nodes.JsonObject interaction)
    {
        var acknowledged = bot.InteractAsync(interaction);
        var deferral = await clock.NextTimerAsync();
        Assert.False(acknowledged.IsCompleted, "acknowledged before the deferral was due");
        clock.AdvanceTo(deferral);
        var result = await acknowledged;
        var sentAt = bot.Discord.Gateway.Sent.Snapshot().Single(p => p.EventName == "INTERACTION_CREATE" && p.Data?.GetProperty("id").GetString() == result.Id.ToString()).At;
        Assert.Equal(DeferAfter, result.Callback.ReceivedAt - sentAt);
        return result;
    }

    private static System.Text.Json.Nodes.JsonObject Button(InteractionResult ask, string label)
    {
        var message = ask.Original!;
        return FakePayloads.ButtonClick(message.Button(label).CustomId, message, BotUnderTest.DefaultGuildId);
    }
}
