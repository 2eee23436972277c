using Bot.Tests.Infrastructure;
using FakeDiscord;

namespace Bot.Tests;

/// <summary>
/// Direct messages: every message a member writes to the bot in private is a question, with no mention or prefix, under the
/// same cooldown and question log as in servers. In a server, a thread is like any channel: a mention is answered there.
/// </summary>
public sealed class DirectMessageTests(BotFixture fixture) : IClassFixture<BotFixture>
{
    private const string Question = "Schulman 发明了哪些强化学习算法";

    private BotUnderTest Bot => fixture.Bot;

    [Fact]
    public async Task A_direct_message_without_a_mention_is_answered_in_the_DM_channel_without_a_pin_button_and_logged()
    {
        var dm = BotUnderTest.NewId();
        var since = DateTimeOffset.UtcNow.AddMinutes(-1);
        var question = BotUnderTest.UserMessage(dm, Question, guildId: null);
        Assert.Null(question["guild_id"]); // as Discord sends a DM's MESSAGE_CREATE (developers/events/gateway-events.mdx)

        var reply = await Bot.AskAsync(question);

        Assert.Equal($"/channels/{dm}/messages", reply.Request.Path);
        Assert.Equal(200, reply.Request.StatusCode);
        Assert.Equal(question.MessageId(), reply.Body["message_reference"]?["message_id"].Id());
        Assert.Equal("问：" + Question, reply.Embed.Title);
        AnswerChecks.AssertAnswer(Bot, Question, reply.Embed);
        Assert.Equal(["更多结果", "全文", "有帮助", "没有帮助"], reply.Body.Buttons().Select(b => b.Label));
        var logged = Assert.Single(Bot.Questions.Asked(since), q => q.ChannelId == dm);
        Assert.Null(logged.GuildId);
        Assert.Equal(Question, logged.Question);
        Assert.True(logged.Results > 0);
    }

    [Fact]
    public async Task A_direct_message_with_the_prefix_or_a_mention_is_answered_without_them()
    {
        var dm = BotUnderTest.NewId();

        var prefixed = await Bot.AskAsync(BotUnderTest.UserMessage(dm, $"{BotUnderTest.Prefix} {Question}", guildId: null));
        var mentioned = await Bot.AskAsync(Bot.Mention(dm, Question, guildId: null));

        Assert.Equal("问：" + Question, prefixed.Embed.Title);
        Assert.Equal("问：" + Question, mentioned.Embed.Title);
    }

    [Fact]
    public async Task The_bots_own_messages_and_other_bots_in_a_DM_get_no_reply()
    {
        var dm = BotUnderTest.NewId();
        var own = BotUnderTest.UserMessage(dm, Question, guildId: null, author: FakePayloads.User(Bot.BotUserId, Bot.Discord.Options.BotUserName, bot: true));
        var otherBot = BotUnderTest.UserMessage(dm, Question, guildId: null, author: FakePayloads.User(BotUnderTest.NewId(), "OtherBot", bot: true));
        var ephemeral = BotUnderTest.UserMessage(dm, Question, guildId: null);
        ephemeral["flags"] = 64; // an ephemeral message also comes without guild_id; only the bot's own ever reach it
        foreach (var ignored in new[] { own, otherBot, ephemeral })
            await Bot.SendAsync(ignored);

        var real = await Bot.AskAsync(BotUnderTest.UserMessage(dm, "什么是超级对齐", guildId: null));

        Assert.Equal([real.Request], Bot.PostsIn(dm));
    }

    [Fact]
    public async Task In_a_server_thread_a_mention_is_answered_there_and_a_plain_message_is_not()
    {
        var thread = BotUnderTest.NewId();
        await Bot.SendAsync(BotUnderTest.UserMessage(thread, Question));

        var reply = await Bot.AskAsync(Bot.Mention(thread, Question));

        Assert.Equal($"/channels/{thread}/messages", reply.Request.Path);
        AnswerChecks.AssertAnswer(Bot, Question, reply.Embed);
        Assert.Contains("置顶", reply.Body.Buttons().Select(b => b.Label));
        Assert.Equal([reply.Request], Bot.PostsIn(thread));
    }

    [Fact]
    public async Task Direct_messages_are_held_back_by_the_cooldown_with_one_notice_in_the_askers_script()
    {
        await using var bot = await BotUnderTest.StartAsync(new BotTestOptions { CooldownQuestions = 1, CooldownSeconds = 600 });
        var dm = BotUnderTest.NewId();
        string[] questions = ["什麼是超級對齊", "預訓練到底在學什麼", "數據牆是什麼"];

        var sent = new List<ulong>();
        foreach (var question in questions)
            sent.Add((await bot.SendAsync(BotUnderTest.UserMessage(dm, question, guildId: null))).MessageId());
        await bot.Discord.Rest.Requests.WaitForCountAsync(r => sent.Any(id => BotUnderTest.IsReplyTo(r, id)), 2, BotUnderTest.Timeout);
        // A question in another DM is answered, and by then a late reply to the third question would have shown.
        await bot.AskAsync(BotUnderTest.UserMessage(BotUnderTest.NewId(), "什么是超级对齐", guildId: null, author: BotUnderTest.User(BotUnderTest.NewId(), "patient")));

        var replies = bot.PostsIn(dm).Select(r => r.BodyObject()!).ToList();
        Assert.Equal(2, replies.Count);
        var answer = Assert.Single(replies, r => r.Embeds().Count == 1); // events are handled side by side: any one of them comes first
        Assert.Contains(answer.SingleEmbed().Title, questions.Select(q => "問：" + q));
        var notice = Assert.Single(replies, r => r.Embeds().Count == 0);
        Assert.Matches(@"^你問得有點快，請 \d+ 秒後再問。$", notice["content"].Text());
        Assert.Single(bot.Questions.Asked(DateTimeOffset.UtcNow.AddMinutes(-5)), q => q.ChannelId == dm);
    }
}
