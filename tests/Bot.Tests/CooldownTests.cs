using Bot.Conversation;
using Bot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Bot.Tests;

/// <summary>
/// A user who floods questions gets one short notice and then silence; others are not affected. The cooldown runs on a
/// fake clock that only the test moves, so the wait it names is exact however long the test takes.
/// </summary>
public sealed class CooldownTests
{
    [Fact]
    public async Task A_flooding_user_gets_one_notice_then_silence_and_others_are_unaffected()
    {
        var channel = BotUnderTest.NewId();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var bot = await BotUnderTest.StartAsync(new BotTestOptions
        {
            AnswerChannels = [channel],
            Customize = services => services.AddSingleton(new Cooldown(clock, maxQuestions: 2, TimeSpan.FromSeconds(600))),
        });
        var flooder = BotUnderTest.User(BotUnderTest.NewId(), "flooder");
        string[] questions = ["什么是超级对齐", "Schulman 发明了哪些强化学习算法", "预训练到底在学什么", "数据墙是什么", "RLHF 是什么", "Ilya 怎么看 AGI", "谁领导超级对齐团队", "GPT-4 的 Elo 分数"];

        var sent = new List<ulong>();
        foreach (var question in questions)
            sent.Add((await bot.SendAsync(BotUnderTest.UserMessage(channel, question, author: flooder))).MessageId());
        await bot.Discord.Rest.Requests.WaitForCountAsync(
            r => sent.Any(id => BotUnderTest.IsReplyTo(r, id)), 3, BotUnderTest.Timeout);

        // Someone else asks meanwhile and is answered.
        var other = await bot.AskAsync(BotUnderTest.UserMessage(channel, "什么是超级对齐", author: BotUnderTest.User(BotUnderTest.NewId(), "patient")));
        Assert.NotEmpty(other.Embed.Description);

        var toFlooder = bot.PostsIn(channel).Where(r => r != other.Request).Select(r => r.BodyObject()!).ToList();
        Assert.Equal(3, toFlooder.Count);
        Assert.Equal(2, toFlooder.Count(b => b.Embeds().Count == 1));
        var notice = Assert.Single(toFlooder, b => b.Embeds().Count == 0);
        var text = notice["content"].Text()!;
        Assert.Equal(600, WaitSeconds(text));
        Assert.True(Json.ChineseCharacters(text) >= 5 && text.Length < 60, text);
        Assert.Contains(bot.Log.Lines, l => l.Message.Contains("held back by the cooldown", StringComparison.Ordinal));

        // /ask by the same user 200 s later is held back too, privately; the patient user's /ask is answered.
        clock.Advance(TimeSpan.FromSeconds(200));
        var ask = await bot.InteractAsync(BotUnderTest.Slash("ask", channel, user: flooder, options: [("question", 3, "什么是超级对齐")]));
        Assert.True(ask.IsEphemeral);
        Assert.Equal(400, WaitSeconds(ask.Content)); // the real wait, though the channel was already told
        var patient = await bot.InteractAsync(BotUnderTest.Slash("ask", channel, user: BotUnderTest.User(BotUnderTest.NewId(), "patient-2"), options: [("question", 3, "什么是超级对齐")]));
        Assert.Single(patient.Data.Embeds());

        // Once the window has passed, the flooder is answered again.
        clock.Advance(TimeSpan.FromSeconds(400));
        var again = await bot.AskAsync(BotUnderTest.UserMessage(channel, "数据墙是什么", author: flooder));
        Assert.NotEmpty(again.Embed.Description);
    }

    /// <summary>The wait a cooldown notice names ("请 N 秒后再问").</summary>
    private static int WaitSeconds(string notice)
    {
        var match = System.Text.RegularExpressions.Regex.Match(notice, @"请 (\d+) 秒后再问");
        Assert.True(match.Success, notice);
        return int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }
}
