using System.Text;
using System.Text.Json.Nodes;
using Bot.Tests.Infrastructure;
using FakeDiscord;
using Xunit.Abstractions;
using static Bot.Tests.Hostile.HostileChecks;

namespace Bot.Tests.Hostile;

/// <summary>
/// Questions a careless or hostile member might send, in a channel and with /ask: each gets a clear answer or a clear
/// "no passage" / "nothing to search" reply, exactly one, pinging no one, and leaves the index and database as they were.
/// </summary>
public sealed class HostileQuestionTests(BotFixture fixture, ITestOutputHelper output) : IClassFixture<BotFixture>
{
    private BotUnderTest Bot => fixture.Bot;

    public static string LongQuestion { get; } = BuildLongQuestion();

    /// <summary>Name, question text, and what the user must get back.</summary>
    public static TheoryData<string, string, Outcome> Questions => new()
    {
        { "@everyone", "@everyone 什么是超级对齐", Outcome.Answer },
        { "@here", "@here @everyone 数据墙是什么", Outcome.Answer },
        { "role and user mentions", "<@&900000000000000123> <@!800000000000000777> <@800000000000000778> 什么是超级对齐", Outcome.Answer },
        { "Markdown and code fences", "> **`数据墙`** 到底是 __什么__？ [点我](https://example.com)\n```\n数据墙\n```\n||~~数据墙~~|| # 数据墙", Outcome.Answer },
        { "Discord invite links", "https://discord.gg/abcdef 和 discord.com/invite/xyz 里说的数据墙是什么", Outcome.Answer },
        { "4,000 characters", LongQuestion, Outcome.Answer },
        { "zero-width and direction overrides", "什么是超\u200B级\u200D对齐\u202E\u2066 这段会倒过来显示 \u2069\u202C\uFEFF", Outcome.Answer },
        { "FTS5 syntax", "数据墙 OR NEAR(\"超级\" 对齐, 5) AND title:* ^x NOT \" {a b}: c* )(", Outcome.Answer },
        { "SQL", "'; DROP TABLE passages; DELETE FROM answers WHERE ''=''; -- \" /*", Outcome.NoPassage },
        { "SQL after a question", "数据墙是什么'); DROP TABLE answers; --", Outcome.Answer }, // the question is answered; the SQL is text
        { "only emoji", "😀🎉👨‍👩‍👧🇨🇳❤️🤔", Outcome.NothingToSearch },
        { "only punctuation", "？？？！！！……——。。。...---///@#$%^&*", Outcome.NothingToSearch },
    };

    [Theory]
    [MemberData(nameof(Questions))]
    public async Task In_a_channel(string name, string text, Outcome expected)
    {
        var before = DatabaseState.Of(Bot);
        var channel = BotUnderTest.NewId();
        var question = BotUnderTest.UserMessage(channel, $"{BotUnderTest.Prefix} {text}");
        question["mention_everyone"] = text.Contains("@everyone", StringComparison.Ordinal) || text.Contains("@here", StringComparison.Ordinal);
        question["mention_roles"] = new JsonArray(text.Contains("<@&", StringComparison.Ordinal) ? [JsonValue.Create("900000000000000123")] : []);

        var reply = await Bot.AskAsync(question);

        Assert.Equal(200, reply.Request.StatusCode);
        Assert.Null(reply.Body["content"]?.GetValue<string>());
        var outcome = OutcomeOf(reply.Embed);
        Print(name, "channel", reply.Embed, outcome);
        Assert.Equal(expected, outcome);
        AssertPingsNoOne(reply.Body, isReply: true);
        Assert.Equal(question.MessageId(), reply.Body["message_reference"]?["message_id"].Id());

        // Exactly one reply: by the time a later question in the channel is answered, a second one would have shown.
        await Bot.AskAsync(BotUnderTest.UserMessage(channel, $"{BotUnderTest.Prefix} 什么是超级对齐"));
        Assert.Single(Bot.RepliesTo(question.MessageId()));
        before.AssertUnchangedIn(Bot);
        AssertNoHandlerFailed(Bot);
    }

    [Theory]
    [MemberData(nameof(Questions))]
    public async Task With_slash_ask(string name, string text, Outcome expected)
    {
        var before = DatabaseState.Of(Bot);

        // Discord caps the option at 1,000 characters; a forged interaction can carry more, and gets the first 1,000.
        var result = await Bot.InteractAsync(BotUnderTest.Slash("ask", BotUnderTest.NewId(), options: ("question", 3, text)));

        Assert.Contains(result.CallbackType, new[] { 4, 5 });
        var message = await result.FinalMessageAsync();
        Assert.True(((message["flags"].Int() ?? 0) & 64) == 0, "an /ask answer is public unless asked to be private");
        var embed = message.SingleEmbed();
        var outcome = OutcomeOf(embed);
        Print(name, "/ask", embed, outcome);
        Assert.Equal(expected, outcome);
        AssertPingsNoOne(message, isReply: false);
        before.AssertUnchangedIn(Bot);
        AssertNoHandlerFailed(Bot);
    }

    [Fact]
    public async Task A_question_that_is_only_mentions_or_custom_emoji_gets_silence_in_a_channel_and_a_clear_reply_with_ask()
    {
        var channel = BotUnderTest.NewId();
        const string text = "@everyone <@&900000000000000123> <:pepe:123456789012345678> <a:dance:223456789012345678>";
        await Bot.SendAsync(BotUnderTest.UserMessage(channel, $"{BotUnderTest.Prefix} {text}"));

        var ask = await Bot.InteractAsync(BotUnderTest.Slash("ask", BotUnderTest.NewId(), options: ("question", 3, text)));

        // Nothing of it is a question: the channel gets no reply (as for a bare mention), /ask says what it found.
        await Bot.AskAsync(BotUnderTest.UserMessage(channel, $"{BotUnderTest.Prefix} 什么是超级对齐"));
        Assert.Single(Bot.PostsIn(channel));
        var embed = ask.Data.SingleEmbed();
        Assert.Contains(OutcomeOf(embed), new[] { Outcome.NoPassage, Outcome.NothingToSearch });
        AssertPingsNoOne(ask.Data, isReply: false);
    }

    [Fact]
    public async Task A_message_event_missing_its_optional_fields_is_still_answered()
    {
        var question = Bot.Mention(BotUnderTest.NewId(), "什么是超级对齐");
        foreach (var field in new[] { "mentions", "mention_roles", "mention_everyone", "attachments", "embeds", "timestamp", "edited_timestamp", "tts", "pinned" })
            question.Remove(field);

        var reply = await Bot.AskAsync(question);

        Assert.Equal(Outcome.Answer, OutcomeOf(reply.Embed));
        AssertPingsNoOne(reply.Body, isReply: true);
        AssertNoHandlerFailed(Bot);
    }

    [Fact]
    public async Task The_echoed_question_shows_without_direction_overrides()
    {
        var reply = await Bot.AskAsync(BotUnderTest.UserMessage(BotUnderTest.NewId(), $"{BotUnderTest.Prefix} \u202E什么是超级对齐\u202C"));

        Assert.Equal("问：什么是超级对齐", reply.Embed.Title);
    }

    private void Print(string name, string via, EmbedView embed, Outcome outcome) =>
        output.WriteLine($"{name} via {via}: {outcome}; title {embed.Title.Length} chars: {Shorten(embed.Title)}; {Shorten(embed.Description.Split('\n')[0])}");

    private static string Shorten(string text) => text.Length <= 100 ? text : text[..100] + "…";

    private static string BuildLongQuestion()
    {
        var text = new StringBuilder();
        while (text.Length < 4000)
            text.Append("Schulman 在 OpenAI 负责后训练团队的时候，是怎样看待强化学习和人类反馈的？@everyone <@123> **加粗** ");
        return text.ToString()[..4000];
    }
}
