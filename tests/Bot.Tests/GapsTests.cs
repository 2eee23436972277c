using System.Text.Json.Nodes;
using Bot.Answers;
using Bot.Storage;
using Bot.Tests.Infrastructure;
using FakeDiscord;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;
using static Bot.Tests.Hostile.HostileChecks;
using static Bot.Tests.Infrastructure.VoteChecks;

namespace Bot.Tests;

/// <summary>
/// Moderators see what the transcripts cannot answer (<c>/gaps</c>): the questions logged in their server, grouped, and
/// the answers members gave a 👎. Each test in its own server.
/// </summary>
public sealed class GapsTests(BotFixture fixture, ITestOutputHelper output) : IClassFixture<BotFixture>
{
    /// <summary>An ordinary member's permissions plus Manage Messages (1 &lt;&lt; 13).</summary>
    private static readonly string ManageMessages = (ulong.Parse(FakePayloads.DefaultMemberPermissions) | (1UL << 13)).ToString();

    private readonly ulong guild = BotUnderTest.NewId();
    private readonly ulong channel = BotUnderTest.NewId();
    private readonly JsonObject moderator = BotUnderTest.User(BotUnderTest.NewId(), "moderator");

    private BotUnderTest Bot => fixture.Bot;

    [Fact]
    public async Task Gaps_shows_a_moderator_the_unanswered_questions_grouped_and_the_downvoted_answers_privately()
    {
        // Unanswered: three ways of asking about 红烧肉 (one through /ask) and one about the weather. Answered: two.
        await AskAsync("红烧肉怎么做才好吃");
        await AskAsync("明天上海会下雨吗");
        await AskAsync("好吃的红烧肉怎么做？");
        var slash = await Bot.InteractAsync(BotUnderTest.Slash("ask", channel, guild, options: ("question", 3, "红烧肉怎么做")));
        Assert.Equal(Outcome.NoPassage, OutcomeOf(slash.Data.SingleEmbed()));
        var wrong = await AskAsync(PinTests.Question);
        var disputed = await AskAsync("什么是超级对齐");
        await Bot.VoteAsync(wrong.MessageId, Down, Member(), guild);
        await Bot.VoteAsync(wrong.MessageId, Down, Member(), guild);
        await Bot.VoteAsync(disputed.MessageId, Down, Member(), guild);
        await Bot.VoteAsync(disputed.MessageId, Up, Member(), guild);

        var gaps = await Bot.InteractAsync(Gaps(guild));

        Assert.Equal(4, gaps.CallbackType);
        Assert.True(gaps.IsEphemeral, "only the moderator should see /gaps");
        var embed = gaps.Data.SingleEmbed();
        output.WriteLine(embed.AllText);
        AnswerChecks.AssertWithinLimits(embed);
        Assert.Equal("本服务器最近 30 天的问答缺口", embed.Title);
        Assert.Contains("最近 30 天共有 6 个问题，其中 4 个没有找到相关段落。", embed.Description);
        var (unanswered, downvoted) = Sections(embed.Description);

        // Grouped, counted, most asked first, each group named by one of its questions.
        Assert.Equal(2, unanswered.Count);
        Assert.Equal("• 红烧肉怎么做 · **3 次**", unanswered[0]);
        Assert.Equal("• 明天上海会下雨吗 · **1 次**", unanswered[1]);

        // Every answer with a 👎, the most 👎 first, linked to its message.
        Assert.Equal(2, downvoted.Count);
        Assert.StartsWith("• 👎 2 · 👍 0 · " + DiscordText.Truncated(PinTests.Question, 80), downvoted[0]);
        Assert.Contains($"[查看回答]({AnswerFormatter.MessageLink(guild, channel, wrong.MessageId)})", downvoted[0]);
        Assert.StartsWith("• 👎 1 · 👍 1 · 什么是超级对齐", downvoted[1]);
        Assert.Contains($"[查看回答]({AnswerFormatter.MessageLink(guild, channel, disputed.MessageId)})", downvoted[1]);

        Assert.Contains("不记录是谁问的", embed.Footer);
        AssertPingsNoOne(gaps.Data, isReply: false);
    }

    [Theory]
    [InlineData(FakePayloads.DefaultMemberPermissions)]
    [InlineData(FakePayloads.ModeratorPermissions)] // Pin Messages is not Manage Messages
    [InlineData("0")]
    [InlineData("no member")]
    public async Task Gaps_is_refused_to_a_member_without_Manage_Messages(string permissions)
    {
        await AskAsync("红烧肉怎么做才好吃");
        var gaps = Gaps(guild, BotUnderTest.User(BotUnderTest.NewId(), "member"), permissions);
        if (permissions == "no member")
            gaps.Remove("member");

        var refused = await Bot.InteractAsync(gaps);

        Assert.Contains("只有拥有「管理消息」权限的成员才能查看问答缺口", AssertEphemeralText(refused));
        Assert.DoesNotContain("红烧肉", refused.Content);
    }

    [Fact]
    public void Gaps_is_registered_for_Manage_Messages_and_the_pin_menu_for_Pin_Messages_so_others_do_not_see_them()
    {
        var commands = Bot.Discord.State.GuildCommands(BotUnderTest.DefaultGuildId).OfType<JsonObject>().ToDictionary(c => c["name"].Text()!);

        Assert.Equal("8192", commands["gaps"]["default_member_permissions"].Text());
        Assert.Equal((1UL << 51).ToString(), commands["置顶回答"]["default_member_permissions"].Text());
        Assert.Equal(["0"], (commands["gaps"]["contexts"] as JsonArray)!.Select(c => c.Text()));
        foreach (var name in new[] { "ask", "search", "sources", "pins", "help", "用机器人回答" })
            Assert.Null(commands[name]["default_member_permissions"]);
    }

    [Fact]
    public async Task Gaps_in_a_server_shows_only_that_servers_questions_and_votes()
    {
        await AskAsync("红烧肉怎么做才好吃");
        var wrong = await AskAsync(PinTests.Question);
        await Bot.VoteAsync(wrong.MessageId, Down, Member(), guild);
        var other = BotUnderTest.NewId();
        await Bot.AskAsync(BotUnderTest.UserMessage(BotUnderTest.NewId(), "?ask 如何种植西红柿", other));

        var mine = (await Bot.InteractAsync(Gaps(guild))).Data.SingleEmbed();
        var theirs = (await Bot.InteractAsync(Gaps(other))).Data.SingleEmbed();

        Assert.Contains("红烧肉", mine.Description);
        Assert.DoesNotContain("西红柿", mine.Description);
        Assert.Contains("西红柿", theirs.Description);
        Assert.DoesNotContain("红烧肉", theirs.Description);
        Assert.DoesNotContain(PinTests.Question, theirs.Description);
        Assert.Contains("最近 30 天共有 1 个问题，其中 1 个没有找到相关段落。", theirs.Description);
    }

    [Fact]
    public async Task Gaps_over_fewer_days_leaves_older_questions_out()
    {
        Bot.Questions.Record(new LoggedQuestion(guild, channel, "十天前问的红烧肉做法", DateTimeOffset.UtcNow.AddDays(-10), 0, null, null));
        await AskAsync("明天上海会下雨吗");

        var all = (await Bot.InteractAsync(Gaps(guild))).Data.SingleEmbed();
        var week = (await Bot.InteractAsync(Gaps(guild, days: 7))).Data.SingleEmbed();

        Assert.Contains("十天前问的红烧肉做法", all.Description);
        Assert.Equal("本服务器最近 7 天的问答缺口", week.Title);
        Assert.DoesNotContain("红烧肉", week.Description);
        Assert.Contains("明天上海会下雨吗", week.Description);
    }

    [Fact]
    public async Task Gaps_with_more_than_fits_stays_within_Discords_limits_and_says_how_many_are_left_out()
    {
        var votes = Bot.Services.GetRequiredService<VoteStore>();
        for (var i = 0; i < 150; i++)
        {
            Bot.Questions.Record(new LoggedQuestion(guild, channel, UnlikeQuestion(i), DateTimeOffset.UtcNow, 0, null, null));
            var answerId = Bot.Answers.TryAdd(guild, channel, UnlikeQuestion(1000 + i), null, null)!.Value;
            votes.Toggle(answerId, 42, Vote.Down);
        }

        var gaps = await Bot.InteractAsync(Gaps(guild));

        // Grouping 150 long questions may take longer than the bot waits before it defers: what the moderator ends up seeing.
        var embed = (await gaps.FinalMessageAsync()).SingleEmbed();
        AnswerChecks.AssertWithinLimits(embed);
        Assert.True(gaps.IsEphemeral);
        var (unanswered, downvoted) = Sections(embed.Description);
        Assert.Matches(@"^……另有 \d+ 条$", unanswered[^1]);
        Assert.Matches(@"^……另有 \d+ 条$", downvoted[^1]);
        Assert.Equal(150, unanswered.Count - 1 + int.Parse(unanswered[^1][5..^2]));
        Assert.Equal(150, downvoted.Count - 1 + int.Parse(downvoted[^1][5..^2]));
    }

    [Fact]
    public async Task Each_question_is_logged_with_where_what_when_and_how_well_but_not_who_asked()
    {
        var asker = BotUnderTest.User(BotUnderTest.NewId(), "asker");
        var answered = await Bot.AskAsync(BotUnderTest.UserMessage(channel, $"?ask {PinTests.Question}", guild, asker));
        await Bot.InteractAsync(BotUnderTest.Slash("ask", channel, guild, asker, options: ("question", 3, "红烧肉怎么做才好吃")));

        var logged = Bot.Questions.AskedIn(guild, DateTimeOffset.UtcNow.AddMinutes(-5));

        Assert.Equal(2, logged.Count);
        var unanswered = logged[0];
        Assert.Equal((guild, channel, "红烧肉怎么做才好吃", 0), (unanswered.GuildId!.Value, unanswered.ChannelId, unanswered.Question, unanswered.Results));
        Assert.Null(unanswered.BestScore);
        Assert.Null(unanswered.AnswerId);
        var found = logged[1];
        Assert.Equal((PinTests.Question, 3), (found.Question, found.Results));
        Assert.True(found.BestScore > 0);
        Assert.Equal(AnswerId(answered.Body), found.AnswerId);
        Assert.InRange(found.AskedAt, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow);

        // No column for who asked, and the asker's id is nowhere in the rows.
        Assert.Equal(["answer_id", "asked_utc", "best_score", "channel_id", "guild_id", "id", "question", "results"], QuestionLogColumns());
        Assert.DoesNotContain(asker["id"].Text()!, string.Join("|", logged));
    }

    private Task<Reply> AskAsync(string question) => Bot.AskAsync(BotUnderTest.UserMessage(channel, $"?ask {question}", guild, Member()));

    private JsonObject Gaps(ulong server, int? days = null) => Gaps(server, moderator, ManageMessages, days);

    private static JsonObject Gaps(ulong server, JsonObject member, string permissions, int? days = null) =>
        BotUnderTest.Slash("gaps", BotUnderTest.NewId(), server, member, permissions, [.. days is { } d ? [("days", 4, (JsonNode)d)] : Array.Empty<(string, int, JsonNode?)>()]);

    private static JsonObject Member() => BotUnderTest.User(BotUnderTest.NewId(), "member");

    /// <summary>The list items of the two sections of /gaps: unanswered questions, then answers with a 👎.</summary>
    private static (IReadOnlyList<string> Unanswered, IReadOnlyList<string> Downvoted) Sections(string description)
    {
        var lines = description.Split('\n');
        var questions = Array.FindIndex(lines, l => l.StartsWith("**转录稿答不上来的问题**", StringComparison.Ordinal));
        var answers = Array.FindIndex(lines, l => l.StartsWith("**被点 👎 的回答**", StringComparison.Ordinal));
        Assert.True(questions >= 0 && answers > questions, $"sections missing: {description}");
        static IReadOnlyList<string> Items(IEnumerable<string> section) => section.Where(l => l.StartsWith('•') || l.StartsWith("……", StringComparison.Ordinal)).ToList();
        return (Items(lines[(questions + 1)..answers]), Items(lines[(answers + 1)..]));
    }

    /// <summary>A question that shares no words with the other numbers' (so that none are grouped), about 300 characters.</summary>
    private static string UnlikeQuestion(int number)
    {
        var random = new Random(number);
        return string.Concat(Enumerable.Range(0, 300).Select(_ => (char)random.Next(0x4E00, 0x9FA5)));
    }

    private string[] QuestionLogColumns()
    {
        using var connection = new SqliteConnection($"Data Source={Bot.IndexPath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM pragma_table_info('question_log') ORDER BY name";
        using var reader = command.ExecuteReader();
        var names = new List<string>();
        while (reader.Read())
            names.Add(reader.GetString(0));
        return [.. names];
    }
}
