using Bot.Tests.Infrastructure;
using FakeDiscord;
using Microsoft.Extensions.Logging;

namespace Bot.Tests;

/// <summary>The logs of a whole session say what happened to each question, and never contain the token.</summary>
public sealed class LogTests
{
    [Fact]
    public async Task A_full_session_logs_each_question_and_never_the_token()
    {
        var channel = BotUnderTest.NewId();
        await using var bot = await BotUnderTest.StartAsync(new BotTestOptions { AnswerChannels = [channel], LogLevel = "Trace" });
        var moderator = BotUnderTest.User(BotUnderTest.NewId(), "moderator");

        var answer = await bot.AskAsync(BotUnderTest.UserMessage(channel, "Schulman 发明了哪些强化学习算法"));
        await bot.AskAsync(bot.Mention(BotUnderTest.NewId(), "什么是超级对齐"));
        await bot.ClickAsync(answer.MessageId, "更多结果");
        await (await bot.ClickAsync(answer.MessageId, "置顶", BotUnderTest.DefaultGuildId, moderator, FakePayloads.ModeratorPermissions)).FinalMessageAsync();
        bot.Discord.Rest.Enqueue($"PUT /channels/{channel}/messages/pins/{{message_id}}", FakeResponse.Error(403, 50013, "Missing Permissions"));
        var second = await bot.AskAsync(BotUnderTest.UserMessage(channel, "预训练到底在学什么"));
        await (await bot.ClickAsync(second.MessageId, "置顶", BotUnderTest.DefaultGuildId, moderator, FakePayloads.ModeratorPermissions)).FinalMessageAsync();
        await bot.InteractAsync(BotUnderTest.Slash("ask", channel, options: [("question", 3, "数据墙")]));
        await bot.InteractAsync(BotUnderTest.Slash("ask", channel, options: [("question", 3, "数据墙"), ("source", 3, "nope.txt")]));
        await bot.InteractAsync(BotUnderTest.Slash("search", channel, options: [("query", 3, "强化学习")]));
        await bot.InteractAsync(BotUnderTest.Slash("sources", channel));
        await bot.InteractAsync(BotUnderTest.Slash("pins", channel));
        await bot.InteractAsync(BotUnderTest.Slash("help", channel));
        await bot.InteractAsync(FakePayloads.Autocomplete("search", "source", "00", channel, BotUnderTest.DefaultGuildId));
        await bot.RestartBotAsync();
        await bot.AskAsync(BotUnderTest.UserMessage(channel, "红烧肉怎么做才好吃"));

        // The line for a question is written once Discord has accepted the reply; the last one may still be on its way.
        Func<LogLine, bool> answeredHere = l => l.Message.StartsWith($"Answered a question in channel {channel} in ", StringComparison.Ordinal);
        await bot.Log.WaitForAsync(answeredHere, count: 3);
        var lines = bot.Log.Lines;
        Assert.True(lines.Count > 20, $"only {lines.Count} log lines");
        Assert.Contains(lines, l => l.Level == LogLevel.Trace || l.Level == LogLevel.Debug);
        bot.AssertNoTokenInLogs();

        // What happened to each question: channel, latency, number of results.
        var answered = lines.Where(answeredHere).ToList();
        Assert.Equal(3, answered.Count);
        Assert.All(answered, l => Assert.Matches(@" in \d+ ms with \d+ results$", l.Message));
        Assert.Contains(lines, l => l.Message.StartsWith($"Answered /ask in channel {channel}", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Message.StartsWith("Discord refused to pin message", StringComparison.Ordinal) && l.Message.Contains("50013", StringComparison.Ordinal));
        Assert.Equal(2, lines.Count(l => l.Message == "Connected to Discord, serving 1 server(s): Test Guild"));
    }
}
