using Bot.Hosting;
using Bot.Search;
using Bot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests;

/// <summary>When search is slow, interactions are acknowledged within Discord's three seconds and answered by an edit.</summary>
public sealed class DeferralTests
{
    private const string Question = "Schulman 发明了哪些强化学习算法";

    [Fact]
    public async Task A_slow_ask_is_deferred_in_time_and_then_answered_by_editing_the_response()
    {
        await using var bot = await BotUnderTest.StartAsync(new BotTestOptions
        {
            DeferAfterMilliseconds = 300,
            Customize = services => services.AddSingleton<ISearchIndex>(p => new SlowSearchIndex(p.GetRequiredService<LiveSearchIndex>(), TimeSpan.FromSeconds(2.5))),
        });

        var ask = await bot.InteractAsync(BotUnderTest.Slash("ask", BotUnderTest.NewId(), options: [("question", 3, Question)]));

        // The fake answers a callback after its 3-second deadline with 10062; this one was accepted.
        Assert.Equal(5, ask.CallbackType);
        Assert.Equal(204, ask.Callback.StatusCode);
        var edit = await ask.WaitForEditAsync();
        AnswerChecks.AssertAnswer(bot, Question, edit.SingleEmbed());
        var shown = ask.Original!;
        Assert.Equal(0, (shown["flags"].Int() ?? 0) & 128); // no longer "thinking…"
        Assert.StartsWith($"问：{Question}", shown.SingleEmbed().Title);
        Assert.Equal(["更多结果", "全文", "置顶", "有帮助", "没有帮助"], shown.Buttons().Select(b => b.Label));

        // "更多结果" on the slow bot: the click is acknowledged in time too, and the message edited in place.
        var more = await bot.InteractAsync(Button(bot, ask, "更多结果"));
        Assert.Equal(6, more.CallbackType);
        var page = await more.WaitForEditAsync();
        Assert.StartsWith("第 4–", page.SingleEmbed().Footer);
    }

    private static System.Text.Json.Nodes.JsonObject Button(BotUnderTest bot, InteractionResult ask, string label)
    {
        var message = ask.Original!;
        return FakeDiscord.FakePayloads.ButtonClick(message.Button(label).CustomId, message, BotUnderTest.DefaultGuildId);
    }
}
