using Bot.Answers;
using Bot.Hosting;
using Bot.Search;
using Bot.Storage;
using Bot.Tests.Infrastructure;
using FakeDiscord;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests;

/// <summary>What must survive the bot stopping and starting again on the same index file and fake Discord.</summary>
public sealed class RestartTests
{
    private const string Question = PinTests.Question;

    [Fact]
    public async Task More_results_works_on_an_answer_given_before_a_restart_and_commands_are_not_registered_again()
    {
        await using var bot = await BotUnderTest.StartAsync();
        var channel = BotUnderTest.NewId();
        var answer = await bot.AskAsync(BotUnderTest.UserMessage(channel, $"?ask {Question}"));
        var creates = bot.Discord.State.CommandCreates;

        await bot.RestartBotAsync();
        var click = await bot.ClickAsync(answer.MessageId, "更多结果");

        Assert.Equal(7, click.CallbackType);
        var page = click.Data.SingleEmbed();
        Assert.StartsWith("第 4–", page.Footer);
        Assert.Equal($"问：{Question}", page.Title);
        Assert.StartsWith("第 4–", bot.Discord.State.GetMessage(answer.MessageId).SingleEmbed().Footer);

        // The second start found the commands unchanged: it looked, and did not overwrite.
        var commandRequests = bot.Discord.Rest.Requests.Where(r => r.Path == $"/applications/{bot.ApplicationId}/guilds/{BotUnderTest.DefaultGuildId}/commands");
        Assert.Equal(["GET", "PUT", "GET"], commandRequests.Select(r => r.Method));
        Assert.Equal(creates, bot.Discord.State.CommandCreates);
        Assert.Contains(bot.Log.Lines, l => l.Message.StartsWith("Slash commands already up to date", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Pins_survive_a_restart()
    {
        await using var bot = await BotUnderTest.StartAsync();
        var guild = BotUnderTest.DefaultGuildId;
        var channel = BotUnderTest.NewId();
        var moderator = BotUnderTest.User(BotUnderTest.NewId(), "moderator");
        var answer = await bot.AskAsync(BotUnderTest.UserMessage(channel, $"?ask {Question}", guild));
        await (await bot.ClickAsync(answer.MessageId, "置顶", guild, moderator, FakePayloads.ModeratorPermissions)).FinalMessageAsync();

        await bot.RestartBotAsync();

        Assert.Equal(Question, bot.Pins.Find(answer.MessageId)?.Question);
        var link = AnswerFormatter.MessageLink(guild, channel, answer.MessageId);
        var pins = await bot.InteractAsync(BotUnderTest.Slash("pins", BotUnderTest.NewId(), guild));
        Assert.Contains(link, pins.Data.SingleEmbed().Description);
        var later = await bot.AskAsync(BotUnderTest.UserMessage(BotUnderTest.NewId(), $"?ask {PinTests.SimilarQuestion}", guild));
        Assert.StartsWith("📌 **版主置顶**", later.Embed.Description);

        // And the old answer's button unpins it after the restart.
        var unpin = await bot.ClickAsync(answer.MessageId, "置顶", guild, moderator, FakePayloads.ModeratorPermissions);
        Assert.Contains("已取消置顶", (await unpin.FinalMessageAsync())["content"].Text());
        Assert.Null(bot.Pins.Find(answer.MessageId));
    }

    [Fact]
    public async Task Votes_survive_a_restart()
    {
        await using var bot = await BotUnderTest.StartAsync();
        var guild = BotUnderTest.DefaultGuildId;
        var answer = await bot.AskAsync(BotUnderTest.UserMessage(BotUnderTest.NewId(), $"?ask {Question}", guild));
        var wrong = AnswerChecks.SourceLines(answer.Embed.Description)[0];
        var fan = BotUnderTest.User(BotUnderTest.NewId(), "fan");
        await bot.VoteAsync(answer.MessageId, VoteChecks.Down, BotUnderTest.User(BotUnderTest.NewId(), "first"), guild);
        await bot.VoteAsync(answer.MessageId, VoteChecks.Down, BotUnderTest.User(BotUnderTest.NewId(), "second"), guild);
        await bot.VoteAsync(answer.MessageId, VoteChecks.Up, fan, guild);

        await bot.RestartBotAsync();

        Assert.Equal((2, 1), bot.VotesOn(VoteChecks.AnswerId(answer.Body)));
        // The two 👎 still push the passage down for a similar question.
        var later = await bot.AskAsync(BotUnderTest.UserMessage(BotUnderTest.NewId(), $"?ask {PinTests.SimilarQuestion}", guild));
        Assert.NotEqual(wrong, AnswerChecks.SourceLines(later.Embed.Description)[0]);
        // Still one vote per member: the same click withdraws the vote given before the restart.
        Assert.Equal("已撤回", await bot.VoteAsync(answer.MessageId, VoteChecks.Up, fan, guild));
        Assert.Equal((2, 0), bot.VotesOn(VoteChecks.AnswerId(answer.Body)));
    }

    [Fact]
    public async Task Pins_interrupted_by_a_crash_are_settled_against_Discord_at_start()
    {
        await using var bot = await BotUnderTest.StartAsync();
        var guild = BotUnderTest.DefaultGuildId;
        var channel = BotUnderTest.NewId();
        var pinnedOnDiscord = await bot.AskAsync(BotUnderTest.UserMessage(channel, $"?ask {Question}", guild));
        var notPinned = await bot.AskAsync(BotUnderTest.UserMessage(channel, "?ask 什么是超级对齐", guild));
        var unpinned = await bot.AskAsync(BotUnderTest.UserMessage(channel, "?ask 预训练到底在学什么", guild));
        var moderator = BotUnderTest.User(BotUnderTest.NewId(), "moderator");
        await (await bot.ClickAsync(unpinned.MessageId, "置顶", guild, moderator, FakePayloads.ModeratorPermissions)).FinalMessageAsync();
        var stored = bot.Pins.Find(unpinned.MessageId)!;
        var answers = (AnswerStore)bot.Services.GetService(typeof(AnswerStore))!;
        // The bot records which message shows an answer once Discord has accepted the post.
        Assert.True(await BotUnderTest.EventuallyAsync(() => answers.FindByMessage(pinnedOnDiscord.MessageId) is not null && answers.FindByMessage(notPinned.MessageId) is not null));
        var first = answers.FindByMessage(pinnedOnDiscord.MessageId)!;
        var second = answers.FindByMessage(notPinned.MessageId)!;
        await bot.StopBotAsync();

        // The crash: both intents written, Discord pinned the first, the bot died before recording either outcome.
        var store = new PinStore(new BotDatabase(bot.IndexPath), TimeProvider.System);
        foreach (var (message, answer) in new[] { (pinnedOnDiscord.MessageId, first), (notPinned.MessageId, second) })
            store.Begin(new PinIntent(message, PinStore.Pin, guild, channel, answer.Id, answer.Question, [], 42, "moderator"));
        Assert.Equal(204, await bot.CallDiscordAsync(HttpMethod.Put, $"/channels/{channel}/messages/pins/{pinnedOnDiscord.MessageId}"));
        // And an unpin: intent written, Discord unpinned, the stored pin not yet removed.
        store.Begin(new PinIntent(unpinned.MessageId, PinStore.Unpin, guild, channel, stored.AnswerId, stored.Question, stored.Passages, stored.PinnedBy, stored.PinnedByName));
        Assert.Equal(204, await bot.CallDiscordAsync(HttpMethod.Delete, $"/channels/{channel}/messages/pins/{unpinned.MessageId}"));

        await bot.StartBotAsync();
        await bot.Log.WaitForAsync(l => l.Message.StartsWith("Settled an interrupted", StringComparison.Ordinal), count: 3);

        Assert.Equal(Question, bot.Pins.Find(pinnedOnDiscord.MessageId)?.Question);
        Assert.Null(bot.Pins.Find(notPinned.MessageId));
        Assert.Null(bot.Pins.Find(unpinned.MessageId));
        Assert.Empty(bot.Pins.PendingIntents());
        var pins = await bot.InteractAsync(BotUnderTest.Slash("pins", BotUnderTest.NewId(), guild));
        Assert.Equal("本服务器的置顶回答（1）", pins.Data.SingleEmbed().Title);
    }

    [Fact]
    public async Task A_mention_that_arrives_right_after_READY_is_answered()
    {
        // Events are handled concurrently; the bot must not decide whether it was mentioned before it knows who it is.
        await using var bot = await BotUnderTest.CreateAsync();
        for (var start = 0; start < 4; start++)
        {
            await bot.StopBotAsync();
            var sessions = bot.Discord.Gateway.Sessions.Count;
            var starting = bot.StartBotAsync();
            await bot.Discord.Gateway.WaitForReadyAsync(sessions, BotUnderTest.Timeout);
            var question = bot.Mention(BotUnderTest.NewId(), "什么是超级对齐");
            await bot.SendAsync(question);
            await starting;

            var reply = await bot.WaitForReplyAsync(question.MessageId());
            Assert.Equal(200, reply.Request.StatusCode);
        }
    }

    [Fact]
    public async Task A_question_being_answered_when_the_bot_stops_still_gets_its_reply()
    {
        var channel = BotUnderTest.NewId();
        SlowSearchIndex? slow = null;
        await using var bot = await BotUnderTest.StartAsync(new BotTestOptions
        {
            AnswerChannels = [channel],
            Customize = services => services.AddSingleton<ISearchIndex>(p => slow = new SlowSearchIndex(p.GetRequiredService<LiveSearchIndex>(), TimeSpan.FromSeconds(1))),
        });
        var question = await bot.SendAsync(BotUnderTest.UserMessage(channel, "什么是超级对齐"));
        await slow!.Searching.WaitAsync(BotUnderTest.Timeout);

        await bot.StopBotAsync(); // as on SIGTERM

        var reply = Assert.Single(bot.RepliesTo(question.MessageId()));
        Assert.Equal(200, reply.StatusCode);
    }

    [Fact]
    public async Task Without_a_guild_commands_are_registered_globally()
    {
        await using var bot = await BotUnderTest.StartAsync(new BotTestOptions { GuildId = null });

        var overwrite = Assert.Single(bot.Discord.Rest.Requests.Where(r => r.Method == "PUT" && r.Path.EndsWith("/commands", StringComparison.Ordinal)));
        Assert.Equal($"/applications/{bot.ApplicationId}/commands", overwrite.Path);
        Assert.Equal(Bot.Interactions.CommandCatalog.All.Count, bot.Discord.State.GlobalCommands().Count);
        Assert.Empty(bot.Discord.State.GuildCommands(BotUnderTest.DefaultGuildId));
    }
}
