using System.Text;
using Bot.Answers;
using Bot.Tests.Infrastructure;
using FakeDiscord;
using Xunit.Abstractions;

namespace Bot.Tests;

public sealed class ChannelFixture : BotFixture
{
    /// <summary>A made-up transcript whose text is full of Discord syntax that must show as written and ping no one.</summary>
    public const string MarkupFile = "zz_markup_postoffice.txt";

    public const string MarkupTranscript = """
        星际邮局访谈记录

        主持人：听说星际邮局的猫头鹰快递员会在公告里写 @everyone 提醒所有居民？
        局长：是的。猫头鹰快递员总是把 **加急包裹** 写成粗体，还会写 <@123> 通知收件人，并用 `code` 标记包裹编号。

        主持人：猫头鹰快递员每天送多少包裹？
        局长：旺季的时候，每只猫头鹰快递员每天要把三百个包裹送到月亮背面的仓库。
        """;

    /// <summary>A made-up transcript that names a very long original URL (tracking parameters and all).</summary>
    public const string LongUrlFile = "zz_ginkgo_postman.txt";

    public static readonly string LongUrl = "https://news.example.com/2024/11/14/ginkgo-postman-interview?utm_source=share&ref="
        + string.Concat(Enumerable.Range(0, 820).Select(i => (char)('a' + (i % 26))));

    public static string LongUrlTranscript => "银杏邮差访谈\n\n原文链接：" + LongUrl + "\n\n" + string.Join("\n\n", Enumerable.Range(1, 6).Select(i =>
        string.Concat(Enumerable.Repeat($"银杏邮差第{i}次讲述：他每天清晨骑着木头自行车穿过第{i}条山谷，把写在银杏叶上的信送到山顶的天文台。", 8))));

    public ulong AnswerChannel { get; } = BotUnderTest.NewId();

    public ulong QuietAnswerChannel { get; } = BotUnderTest.NewId();

    protected override BotTestOptions CreateOptions() => new()
    {
        AnswerChannels = [AnswerChannel, QuietAnswerChannel],
        ExtraCorpusFiles = new Dictionary<string, string> { [MarkupFile] = MarkupTranscript, [LongUrlFile] = LongUrlTranscript },
    };
}

/// <summary>Questions asked in channels: a mention, the prefix, an answer channel; what is ignored; the reply's embed.</summary>
public sealed class ChannelQuestionTests(ChannelFixture fixture, ITestOutputHelper output) : IClassFixture<ChannelFixture>
{
    private const string Question = "Schulman 发明了哪些强化学习算法";
    private BotUnderTest Bot => fixture.Bot;

    [Fact]
    public async Task A_message_mentioning_the_bot_gets_one_reply_with_the_answer()
    {
        var channel = BotUnderTest.NewId();
        var question = Bot.Mention(channel, Question);

        var reply = await Bot.AskAsync(question);

        AssertIsReplyTo(question, reply);
        AnswerChecks.AssertAnswer(Bot, Question, reply.Embed);
        await AssertOnlyOneReplyAsync(channel, question);
    }

    [Fact]
    public async Task A_message_starting_with_the_prefix_gets_one_reply_with_the_answer()
    {
        var channel = BotUnderTest.NewId();
        var question = BotUnderTest.UserMessage(channel, $"{BotUnderTest.Prefix} {Question}");

        var reply = await Bot.AskAsync(question);

        AssertIsReplyTo(question, reply);
        AnswerChecks.AssertAnswer(Bot, Question, reply.Embed);
        Assert.Equal($"问：{Question}", reply.Embed.Title);
        await AssertOnlyOneReplyAsync(channel, question);

        // The exchange as the fake Discord saw it (run with a detailed console logger to read it).
        output.WriteLine($"→ gateway MESSAGE_CREATE {question.MessageId()} in channel {channel} from {question["author"]!["username"]}: {question["content"]}");
        output.WriteLine($"← {reply.Request} (reply to {reply.Body["message_reference"]!["message_id"]}, allowed_mentions {reply.Body["allowed_mentions"]!.ToJsonString()})");
        output.WriteLine($"  embed title: {reply.Embed.Title}");
        output.WriteLine($"  embed description:\n{reply.Embed.Description}");
        output.WriteLine($"  embed footer: {reply.Embed.Footer}");
        output.WriteLine($"  buttons: {string.Join(" | ", reply.Body.Buttons().Select(b => $"{b.Label} [{b.CustomId}]{(b.Disabled ? " (disabled)" : "")}"))}");
    }

    [Fact]
    public async Task Any_message_in_an_answer_channel_gets_one_reply_with_the_answer()
    {
        var question = BotUnderTest.UserMessage(fixture.AnswerChannel, Question, author: BotUnderTest.User(BotUnderTest.NewId(), "answer-channel-user"));

        var reply = await Bot.AskAsync(question);

        AssertIsReplyTo(question, reply);
        AnswerChecks.AssertAnswer(Bot, Question, reply.Embed);
        await AssertOnlyOneReplyAsync(fixture.AnswerChannel, question);
    }

    [Fact]
    public async Task The_bot_itself_other_bots_webhooks_empty_messages_and_bare_mentions_get_no_reply()
    {
        var channel = fixture.QuietAnswerChannel;
        var botMention = FakePayloads.User(Bot.BotUserId, Bot.Discord.Options.BotUserName, bot: true);
        var ownMessage = BotUnderTest.UserMessage(channel, Question, author: FakePayloads.User(Bot.BotUserId, Bot.Discord.Options.BotUserName, bot: true));
        var otherBot = Bot.Mention(channel, $"{BotUnderTest.Prefix} {Question}", author: FakePayloads.User(BotUnderTest.NewId(), "OtherBot", bot: true));
        var webhook = BotUnderTest.UserMessage(channel, $"{BotUnderTest.Prefix} {Question}", author: BotUnderTest.User(BotUnderTest.NewId(), "Captain Hook"));
        webhook["webhook_id"] = BotUnderTest.NewId().ToString();
        var empty = BotUnderTest.UserMessage(channel, "");
        var bareMention = BotUnderTest.UserMessage(channel, $"<@{Bot.BotUserId}>", mentions: [botMention]);
        var barePrefix = BotUnderTest.UserMessage(channel, BotUnderTest.Prefix);
        foreach (var ignored in new[] { ownMessage, otherBot, webhook, empty, bareMention, barePrefix })
            await Bot.SendAsync(ignored);

        // Outside an answer channel too: a bare mention is not a question.
        var plainChannel = BotUnderTest.NewId();
        await Bot.SendAsync(BotUnderTest.UserMessage(plainChannel, $"<@{Bot.BotUserId}>  ", mentions: [botMention]));
        await Bot.SendAsync(BotUnderTest.UserMessage(plainChannel, "大家好，今天天气不错"));

        // Then a real question in each channel: its reply is the only message the bot posts there.
        var real = await Bot.AskAsync(BotUnderTest.UserMessage(channel, "什么是超级对齐"));
        var realPlain = await Bot.AskAsync(Bot.Mention(plainChannel, "什么是超级对齐"));

        Assert.Equal([real.Request], Bot.PostsIn(channel));
        Assert.Equal([realPlain.Request], Bot.PostsIn(plainChannel));
    }

    [Fact]
    public async Task Long_and_varied_questions_get_replies_within_Discord_limits()
    {
        var channel = fixture.AnswerChannel;
        var longQuestion = new StringBuilder();
        while (longQuestion.Length < 1900)
            longQuestion.Append("Schulman 在 OpenAI 负责后训练团队的时候，是怎样看待强化学习和人类反馈的？");
        var questions = File.ReadAllLines(Path.Combine(Repo.Root, "tests", "eval", "questions.txt"))
            .Concat(File.ReadAllLines(Path.Combine(Repo.Root, "tests", "eval", "heldout.tsv")).Select(l => l.Split('\t')[1]))
            .Where(q => q.Length > 0)
            .Take(10)
            .Append(longQuestion.ToString()[..1900])
            .ToList();

        var sent = new List<(string Text, ulong Id)>();
        foreach (var question in questions)
        {
            var message = await Bot.SendAsync(BotUnderTest.UserMessage(channel, question));
            sent.Add((question, message.MessageId()));
        }

        foreach (var (question, id) in sent)
        {
            var reply = await Bot.WaitForReplyAsync(id);
            Assert.Equal(200, reply.Request.StatusCode);
            Assert.InRange(reply.Content.Length, 0, 2000);
            var embeds = reply.Body.Embeds();
            Assert.Single(embeds);
            AnswerChecks.AssertWithinLimits(embeds[0]);
            Assert.True(embeds.Sum(e => e.TotalLength) <= 6000);
            if (question.Length > 1000)
                Assert.EndsWith("…", embeds[0].Title);
        }
    }

    [Fact]
    public async Task Passages_fit_even_when_their_source_has_a_very_long_url()
    {
        var channel = BotUnderTest.NewId();

        var reply = await Bot.AskAsync(BotUnderTest.UserMessage(channel, "?ask 银杏邮差怎么把信送到天文台"));

        Assert.Equal(200, reply.Request.StatusCode);
        var embed = reply.Embed;
        AnswerChecks.AssertWithinLimits(embed);
        var sources = AnswerChecks.SourceLines(embed.Description);
        Assert.Equal(3, sources.Count);
        Assert.All(sources, line => Assert.Contains($"`{ChannelFixture.LongUrlFile}`", line));
        // A link longer than the whole answer is not repeated under each passage; /sources still links it.
        Assert.All(sources, line => Assert.DoesNotContain(ChannelFixture.LongUrl, line));
    }

    [Fact]
    public async Task Markdown_and_mentions_in_transcripts_and_questions_are_escaped()
    {
        var channel = BotUnderTest.NewId();

        var reply = await Bot.AskAsync(BotUnderTest.UserMessage(channel, "?ask **猫头鹰快递员** @everyone 在公告里写什么"));

        var embed = reply.Embed;
        Assert.Contains($"`{ChannelFixture.MarkupFile}`", embed.Description);
        Assert.DoesNotContain("@everyone", embed.AllText, StringComparison.Ordinal);
        Assert.Contains("@\u200Beveryone", embed.Description);
        Assert.Contains(@"\*\*加急包裹\*\*", embed.Description);
        Assert.Contains(@"\<@123\>", embed.Description);
        Assert.DoesNotContain("<@123>", embed.Description, StringComparison.Ordinal);
        Assert.Contains(@"\`code\`", embed.Description);
        Assert.Contains(@"\*\*猫头鹰快递员\*\*", embed.Title);
        AssertNoMentionsAllowed(reply.Body);
    }

    [Fact]
    public async Task Every_outgoing_message_allows_no_mentions()
    {
        var channel = BotUnderTest.NewId();
        var reply = await Bot.AskAsync(BotUnderTest.UserMessage(channel, $"?ask <@{BotUnderTest.NewId()}> @here 什么是超级对齐"));
        AssertNoMentionsAllowed(reply.Body);
        Assert.False(reply.Body["allowed_mentions"]!["replied_user"]!.GetValue<bool>());

        var outgoing = Bot.OutgoingMessages();
        Assert.Contains(outgoing, o => o.Request == reply.Request);
        Bot.AssertEveryMessageHasNoMentions();
    }

    [Fact]
    public async Task A_question_without_relevant_passages_says_so_suggests_search_and_lists_the_sources()
    {
        var channel = BotUnderTest.NewId();
        var question = BotUnderTest.UserMessage(channel, "?ask 红烧肉怎么做才好吃");

        var reply = await Bot.AskAsync(question);

        AssertIsReplyTo(question, reply);
        var embed = reply.Embed;
        Assert.Contains("没有找到", embed.Description);
        Assert.Contains("/search", embed.Description);
        foreach (var document in Bot.Index.Documents)
            Assert.Contains(DiscordText.Truncated(document.Title, 60), embed.Description);
        Assert.Empty(reply.Body.Buttons());
    }

    [Fact]
    public async Task More_results_shows_the_next_page_in_place()
    {
        var channel = BotUnderTest.NewId();
        var reply = await Bot.AskAsync(BotUnderTest.UserMessage(channel, $"?ask {Question}"));
        Assert.StartsWith("第 1–3 条", reply.Embed.Footer);
        Assert.False(reply.Body.Button("更多结果").Disabled);

        var click = await Bot.ClickAsync(reply.MessageId, "更多结果");

        Assert.Equal(7, click.CallbackType);
        var page = click.Data.SingleEmbed();
        Assert.StartsWith("第 4–", page.Footer);
        Assert.Equal(reply.Embed.Title, page.Title);
        Assert.Contains("**4.** ", page.Description);
        Assert.Equal(3, AnswerChecks.SourceLines(page.Description).Count);
        AnswerChecks.AssertWithinLimits(page);
        // The same message now shows the second page; nothing new was posted.
        var stored = Bot.Discord.State.GetMessage(reply.MessageId);
        Assert.StartsWith("第 4–", stored.SingleEmbed().Footer);
        Assert.Equal([reply.Request], Bot.PostsIn(channel));
    }

    [Fact]
    public async Task More_results_is_disabled_when_there_is_nothing_more()
    {
        var channel = BotUnderTest.NewId();

        // Two passages only: one page, the button is there but disabled.
        var small = await Bot.AskAsync(BotUnderTest.UserMessage(channel, "?ask 星际邮局的猫头鹰"));
        Assert.True(small.Body.Button("更多结果").Disabled);
        Assert.Contains("没有更多结果了", small.Embed.Footer);

        // Many passages: page through until the last one, which disables the button.
        var reply = await Bot.AskAsync(BotUnderTest.UserMessage(channel, $"?ask {Question}"));
        var pages = 1;
        while (!Bot.Discord.State.GetMessage(reply.MessageId).Button("更多结果").Disabled)
        {
            Assert.True(pages < 40, "more than 40 pages");
            var click = await Bot.ClickAsync(reply.MessageId, "更多结果");
            Assert.Equal(7, click.CallbackType);
            Assert.StartsWith($"第 {(pages * AnswerFormatter.PageSize) + 1}–", click.Data.SingleEmbed().Footer);
            pages++;
        }

        Assert.True(pages > 1);
        Assert.Contains("没有更多结果了", Bot.Discord.State.GetMessage(reply.MessageId).SingleEmbed().Footer);
    }

    private static void AssertIsReplyTo(System.Text.Json.Nodes.JsonObject question, Reply reply)
    {
        Assert.Equal(200, reply.Request.StatusCode);
        var reference = reply.Body["message_reference"]!;
        Assert.Equal(question.MessageId(), reference["message_id"].Id());
        Assert.Equal(question["channel_id"].Id(), reference["channel_id"].Id());
        Assert.False(reference["fail_if_not_exists"]!.GetValue<bool>());
        Assert.Equal(question.MessageId(), reply.Stored!["message_reference"]!["message_id"].Id());
        AssertNoMentionsAllowed(reply.Body);
    }

    private static void AssertNoMentionsAllowed(System.Text.Json.Nodes.JsonObject body)
    {
        var parse = Assert.IsType<System.Text.Json.Nodes.JsonArray>(body["allowed_mentions"]?["parse"]);
        Assert.Empty(parse);
    }

    /// <summary>Another question in the same channel is answered; by then a duplicate reply to the first would have shown.</summary>
    private async Task AssertOnlyOneReplyAsync(ulong channel, System.Text.Json.Nodes.JsonObject question)
    {
        await Bot.AskAsync(BotUnderTest.UserMessage(channel, "?ask 什么是超级对齐", author: BotUnderTest.User(BotUnderTest.NewId(), "someone-else")));
        Assert.Single(Bot.RepliesTo(question.MessageId()));
    }
}
