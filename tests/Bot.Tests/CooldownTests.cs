using Bot.Tests.Infrastructure;

namespace Bot.Tests;

/// <summary>A user who floods questions gets one short notice and then silence; others are not affected.</summary>
public sealed class CooldownTests
{
    [Fact]
    public async Task A_flooding_user_gets_one_notice_then_silence_and_others_are_unaffected()
    {
        var channel = BotUnderTest.NewId();
        await using var bot = await BotUnderTest.StartAsync(new BotTestOptions { AnswerChannels = [channel], CooldownQuestions = 2, CooldownSeconds = 600 });
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
        Assert.InRange(WaitSeconds(text), 590, 601);
        Assert.True(Json.ChineseCharacters(text) >= 5 && text.Length < 60, text);
        Assert.Contains(bot.Log.Lines, l => l.Message.Contains("held back by the cooldown", StringComparison.Ordinal));

        // /ask by the same user is held back too, privately; the patient user's /ask is answered.
        var ask = await bot.InteractAsync(BotUnderTest.Slash("ask", channel, user: flooder, options: [("question", 3, "什么是超级对齐")]));
        Assert.True(ask.IsEphemeral);
        Assert.InRange(WaitSeconds(ask.Content), 590, 601); // the real wait, though the channel was already told
        var patient = await bot.InteractAsync(BotUnderTest.Slash("ask", channel, user: BotUnderTest.User(BotUnderTest.NewId(), "patient-2"), options: [("question", 3, "什么是超级对齐")]));
        Assert.Single(patient.Data.Embeds());
    }

    /// <summary>The wait a cooldown notice names ("请 N 秒后再问").</summary>
    private static int WaitSeconds(string notice)
    {
        var match = System.Text.RegularExpressions.Regex.Match(notice, @"请 (\d+) 秒后再问");
        Assert.True(match.Success, notice);
        return int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }
}
