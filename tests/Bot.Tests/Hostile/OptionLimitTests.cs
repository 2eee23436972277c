using System.Text;
using System.Text.Json.Nodes;
using Bot.Tests.Infrastructure;
using Xunit.Abstractions;
using static Bot.Tests.Hostile.HostileChecks;

namespace Bot.Tests.Hostile;

/// <summary>
/// Slash-command options at and past the limits Discord enforces, as a forged or buggy interaction could carry them:
/// a clamped answer or a clear private message, always acknowledged within Discord's three seconds (the fake refuses
/// a later callback, and <see cref="BotUnderTest.InteractAsync"/> fails on that).
/// </summary>
public sealed class OptionLimitTests(BotFixture fixture, ITestOutputHelper output) : IClassFixture<BotFixture>
{
    private const string SearchQuery = "强化学习";

    private BotUnderTest Bot => fixture.Bot;

    [Fact]
    public async Task A_question_of_exactly_1000_characters_is_answered_with_its_title_cut()
    {
        var question = Question(1000);

        var result = await Bot.InteractAsync(BotUnderTest.Slash("ask", BotUnderTest.NewId(), options: ("question", 3, question)));

        var embed = (await result.FinalMessageAsync()).SingleEmbed();
        Assert.Equal(Outcome.Answer, OutcomeOf(embed));
        Assert.EndsWith("…", embed.Title);
        AssertPingsNoOne(result.Data, isReply: false);
    }

    [Fact]
    public async Task A_question_of_5000_characters_is_answered_as_its_first_1000()
    {
        var question = Question(5000);

        var full = await Bot.InteractAsync(BotUnderTest.Slash("ask", BotUnderTest.NewId(), options: ("question", 3, question)));
        var clipped = await Bot.InteractAsync(BotUnderTest.Slash("ask", BotUnderTest.NewId(), options: ("question", 3, question[..1000])));

        var embed = (await full.FinalMessageAsync()).SingleEmbed();
        Assert.Equal(Outcome.Answer, OutcomeOf(embed));
        Assert.Equal((await clipped.FinalMessageAsync()).SingleEmbed().Description, embed.Description);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(-5, 1)]
    [InlineData(11, 10)]
    [InlineData(1_000_000_000_000, 10)]
    [InlineData(long.MinValue, 1)]
    public async Task Search_limit_out_of_range_is_clamped_to_1_to_10(long limit, int listed)
    {
        var result = await Bot.InteractAsync(BotUnderTest.Slash("search", BotUnderTest.NewId(), options: [("query", 3, SearchQuery), ("limit", 4, limit)]));

        var shown = await result.ReplyAsync();
        var embed = shown.SingleEmbed();
        Assert.Equal(listed, HitLines(embed).Count);
        AssertPingsNoOne(shown, isReply: false);
    }

    [Fact]
    public async Task A_source_of_500_characters_gets_a_short_private_message()
    {
        var source = string.Concat(Enumerable.Repeat("@everyone <@123> 不存在的稿子.txt ", 30))[..500];

        var result = await Bot.InteractAsync(BotUnderTest.Slash("ask", BotUnderTest.NewId(), options: [("question", 3, "什么是超级对齐"), ("source", 3, source)]));

        var text = AssertEphemeralText(result);
        Assert.Contains("没有名为", text);
        Assert.InRange(text.Length, 20, 200);
        output.WriteLine(text);
    }

    /// <summary>Option name, its type as sent, its value, and what the user must see (a substring of the reply).</summary>
    public static TheoryData<string, string, int, string?, string> WrongTypes => new()
    {
        { "ask", "question", 4, "42", "answer" },
        { "ask", "question", 5, "true", "answer" },
        { "ask", "question", 3, """{"text":"什么是超级对齐"}""", "answer" },
        { "ask", "question", 3, """["数据墙"]""", "answer" },
        { "ask", "question", 3, "null", "请写下你的问题" },
        { "ask", "question", 3, "\"   \"", "请写下你的问题" },
        { "ask", "source", 4, "3", "没有名为" },
        { "ask", "private", 3, "\"yes\"", "answer" },
        { "search", "limit", 3, "\"abc\"", "5 hits" },
        { "search", "limit", 10, "3.7", "5 hits" },
        { "search", "query", 3, "\"\"", "请写下要找的关键词" },
        { "search", "query", 4, "12345", "hits" },
    };

    [Theory]
    [MemberData(nameof(WrongTypes))]
    public async Task Options_of_the_wrong_type_get_a_clear_reply(string command, string name, int type, string? json, string expected)
    {
        var value = json is null ? null : JsonNode.Parse(json);
        (string, int, JsonNode?)[] options = command == "ask"
            ? name == "question" ? [(name, type, value)] : [("question", 3, "什么是超级对齐"), (name, type, value)]
            : name == "query" ? [(name, type, value)] : [("query", 3, SearchQuery), (name, type, value)];

        var result = await Bot.InteractAsync(BotUnderTest.Slash(command, BotUnderTest.NewId(), options: options));

        Assert.Contains(result.CallbackType, new[] { 4, 5 });
        var message = await result.FinalMessageAsync();
        output.WriteLine($"/{command} {name}:{json} (type {type}) → {Shorten(AllText(message))}");
        AssertPingsNoOne(message, isReply: false);
        switch (expected)
        {
            case "answer":
                var embed = message.SingleEmbed();
                Assert.Contains(OutcomeOf(embed), new[] { Outcome.Answer, Outcome.NoPassage });
                Assert.Equal(0, (message["flags"].Int() ?? 0) & 64);
                break;
            case "5 hits":
                Assert.Equal(5, HitLines(message.SingleEmbed()).Count);
                break;
            case "hits":
                AnswerChecks.AssertWithinLimits(message.SingleEmbed());
                break;
            default:
                Assert.Contains(expected, AssertEphemeralText(result));
                break;
        }
        AssertNoHandlerFailed(Bot);
    }

    [Fact]
    public async Task A_search_query_of_5000_characters_is_clipped_and_answered_in_time()
    {
        var result = await Bot.InteractAsync(BotUnderTest.Slash("search", BotUnderTest.NewId(), options: ("query", 3, Question(5000))));

        var embed = (await result.FinalMessageAsync()).SingleEmbed();
        // The option is capped at 200 characters: the query searched and shown is the first 200.
        Assert.Equal("检索：" + Question(5000)[..200].Trim(), embed.Title);
        AnswerChecks.AssertWithinLimits(embed);
    }

    private static IReadOnlyList<string> HitLines(EmbedView embed) =>
        embed.Description.Split('\n').Where(l => l.StartsWith("**", StringComparison.Ordinal)).ToArray();

    private static string Question(int length)
    {
        var text = new StringBuilder();
        while (text.Length < length)
            text.Append("Schulman 在 OpenAI 负责后训练团队的时候，是怎样看待强化学习和人类反馈的？");
        return text.ToString()[..length];
    }

    private static string Shorten(string text) => text.Length <= 120 ? text.ReplaceLineEndings(" ") : text[..120].ReplaceLineEndings(" ") + "…";
}
