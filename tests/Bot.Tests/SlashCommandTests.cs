using System.Text.Json.Nodes;
using Bot.Answers;
using Bot.Search.Ranking;
using Bot.Tests.Infrastructure;
using FakeDiscord;

namespace Bot.Tests;

public sealed class SlashCommandFixture : BotFixture
{
    public const int Notes = 30;

    /// <summary>Thirty small made-up transcripts besides the seeds, so that autocomplete has more than 25 to offer.</summary>
    protected override BotTestOptions CreateOptions() => new()
    {
        ExtraCorpusFiles = Enumerable.Range(1, Notes).ToDictionary(
            i => $"zz_note_{i:00}.txt",
            i => $"""
                灯塔守夜记录第{i}号

                第{i}号灯塔的守夜人写道：今晚的海风从第{i}个方向吹来，{i}只海鸥停在栏杆上。
                守夜人检查了{i}盏信号灯，并把第{i}号航海日志锁进了铁柜。
                """),
    };
}

/// <summary>/ask, /search, /sources, /pins, /help, autocomplete, "用机器人回答", and how the commands are registered.</summary>
public sealed class SlashCommandTests(SlashCommandFixture fixture) : IClassFixture<SlashCommandFixture>
{
    private const string Question = "Schulman 发明了哪些强化学习算法";
    private const string Source003 = "003_36a45d107566e716.txt";
    private static readonly string[] CommandNames = ["ask", "search", "sources", "pins", "help", "gaps", "用机器人回答", "置顶回答"];

    private BotUnderTest Bot => fixture.Bot;

    [Fact]
    public void Commands_are_registered_in_the_configured_guild_with_one_bulk_overwrite()
    {
        var overwrites = Bot.Discord.Rest.Requests.Where(r => r.Method == "PUT" && r.Path.EndsWith("/commands", StringComparison.Ordinal));
        var overwrite = Assert.Single(overwrites);
        Assert.Equal($"/applications/{Bot.ApplicationId}/guilds/{BotUnderTest.DefaultGuildId}/commands", overwrite.Path);
        Assert.Equal(200, overwrite.StatusCode);
        var registered = Bot.Discord.State.GuildCommands(BotUnderTest.DefaultGuildId).Select(c => c!["name"].Text()).Order().ToArray();
        Assert.Equal(CommandNames.Order(), registered);
        Assert.Empty(Bot.Discord.State.GlobalCommands());
        Assert.Equal(CommandNames.Length, Bot.Discord.State.CommandCreates);
    }

    [Fact]
    public async Task Ask_answers_with_an_embed_and_buttons()
    {
        var result = await Bot.InteractAsync(BotUnderTest.Slash("ask", BotUnderTest.NewId(), options: ("question", 3, Question)));

        var shown = await result.ReplyAsync();
        Assert.False(result.IsEphemeral);
        AnswerChecks.AssertAnswer(Bot, Question, shown.SingleEmbed());
        Assert.Equal(["更多结果", "全文", "置顶", "有帮助", "没有帮助"], shown.Buttons().Select(b => b.Label));
        Assert.NotNull(result.Original);
    }

    [Fact]
    public async Task Ask_with_private_answers_only_the_asker()
    {
        var result = await Bot.InteractAsync(BotUnderTest.Slash("ask", BotUnderTest.NewId(), options: [("question", 3, Question), ("private", 5, true)]));

        var shown = await result.ReplyAsync();
        Assert.True(result.IsEphemeral, $"flags {result.Flags}");
        AnswerChecks.AssertAnswer(Bot, Question, shown.SingleEmbed());
        Assert.DoesNotContain(shown.Buttons(), b => b.Label == "置顶");
    }

    [Fact]
    public async Task More_results_works_on_a_private_answer()
    {
        var ask = await Bot.InteractAsync(BotUnderTest.Slash("ask", BotUnderTest.NewId(), options: [("question", 3, Question), ("private", 5, true)]));
        var message = ask.Original!;
        Assert.Equal(64, (message["flags"].Int() ?? 0) & 64);

        var more = await Bot.InteractAsync(FakePayloads.ButtonClick(message.Button("更多结果").CustomId, message, BotUnderTest.DefaultGuildId));

        Assert.Equal(7, more.CallbackType);
        Assert.StartsWith("第 4–", more.Data.SingleEmbed().Footer);
        Assert.Equal(["更多结果", "全文", "有帮助", "没有帮助"], more.Data.Buttons().Select(b => b.Label));
    }

    [Fact]
    public async Task Ask_with_a_source_answers_from_that_transcript_only()
    {
        var result = await Bot.InteractAsync(BotUnderTest.Slash("ask", BotUnderTest.NewId(), options: [("question", 3, Question), ("source", 3, Source003)]));

        var shown = await result.ReplyAsync();
        var embed = shown.SingleEmbed();
        AnswerChecks.AssertAnswer(Bot, Question, embed, Source003);
        Assert.All(AnswerChecks.SourceLines(embed.Description), line => Assert.Contains($"`{Source003}`", line));
    }

    [Fact]
    public async Task Ask_with_an_unknown_source_says_privately_what_to_do()
    {
        var result = await Bot.InteractAsync(BotUnderTest.Slash("ask", BotUnderTest.NewId(), options: [("question", 3, Question), ("source", 3, "no_such_file.txt")]));

        Assert.Equal(4, result.CallbackType);
        Assert.True(result.IsEphemeral);
        Assert.Contains("没有名为", result.Content);
        Assert.Contains("自动补全", result.Content);
        Assert.Contains("/sources", result.Content);
        Assert.Empty(result.Data.Embeds());
    }

    [Theory]
    [InlineData(2)]
    [InlineData(7)]
    public async Task Search_lists_hits_with_their_locators_up_to_the_limit(int limit)
    {
        const string query = "强化学习";
        var result = await Bot.InteractAsync(BotUnderTest.Slash("search", BotUnderTest.NewId(), options: [("query", 3, query), ("limit", 4, limit)]));

        var shown = await result.ReplyAsync();
        var embed = shown.SingleEmbed();
        Assert.Equal($"检索：{query}", embed.Title);
        AnswerChecks.AssertWithinLimits(embed);
        var expected = Bot.Index.Search(query, new SearchOptions { Limit = limit }).Hits;
        Assert.Equal(limit, expected.Count);
        var lines = embed.Description.Split('\n').Where(l => l.StartsWith("**", StringComparison.Ordinal)).ToArray();
        Assert.Equal(limit, lines.Length);
        for (var i = 0; i < limit; i++)
        {
            Assert.StartsWith($"**{i + 1}.** ", lines[i]);
            Assert.EndsWith(" · " + DiscordText.Escape(expected[i].Passage.Locator), lines[i]);
        }
    }

    [Fact]
    public async Task Sources_lists_every_seed_transcript()
    {
        var result = await Bot.InteractAsync(BotUnderTest.Slash("sources", BotUnderTest.NewId()));

        Assert.Equal(4, result.CallbackType);
        var embed = result.Data.SingleEmbed();
        AnswerChecks.AssertWithinLimits(embed);
        Assert.Equal($"转录稿（{Repo.SeedFiles.Count + SlashCommandFixture.Notes} 份）", embed.Title);
        foreach (var document in Bot.Index.Documents.Where(d => Repo.SeedFiles.Contains(d.Source)))
        {
            var line = embed.Description.Split('\n').SingleOrDefault(l => l.Contains($"`{document.Source}`", StringComparison.Ordinal));
            Assert.True(line is not null, $"{document.Source} is not listed: {embed.Description}");
            Assert.Contains(DiscordText.Truncated(document.Title, 60), line);
            Assert.Contains($"{document.Passages} 段", line);
        }
        Assert.Equal(Repo.SeedFiles.Count, Bot.Index.Documents.Count(d => Repo.SeedFiles.Contains(d.Source)));
    }

    [Fact]
    public async Task Pins_in_a_server_without_pins_says_there_are_none_yet()
    {
        var result = await Bot.InteractAsync(BotUnderTest.Slash("pins", BotUnderTest.NewId(), guildId: BotUnderTest.NewId()));

        Assert.Equal(4, result.CallbackType);
        var embed = result.Data.SingleEmbed();
        Assert.Equal("本服务器的置顶回答（0）", embed.Title);
        Assert.Contains("还没有置顶的回答", embed.Description);
    }

    [Fact]
    public async Task In_a_direct_message_ask_answers_without_a_pin_button_and_pins_explains_it_is_for_servers()
    {
        var dm = BotUnderTest.NewId();

        var ask = await Bot.InteractAsync(BotUnderTest.Slash("ask", dm, guildId: null, options: [("question", 3, Question)]));
        var pins = await Bot.InteractAsync(BotUnderTest.Slash("pins", dm, guildId: null));

        var shown = await ask.ReplyAsync();
        AnswerChecks.AssertAnswer(Bot, Question, shown.SingleEmbed());
        Assert.Equal(["更多结果", "全文", "有帮助", "没有帮助"], shown.Buttons().Select(b => b.Label));
        Assert.True(pins.IsEphemeral);
        Assert.Contains("只在服务器里有", pins.Content);
    }

    [Fact]
    public async Task Help_is_shown_only_to_the_asker()
    {
        var result = await Bot.InteractAsync(BotUnderTest.Slash("help", BotUnderTest.NewId()));

        Assert.Equal(4, result.CallbackType);
        Assert.True(result.IsEphemeral);
        var embed = result.Data.SingleEmbed();
        foreach (var command in new[] { "/ask", "/search", "/sources", "/pins", "用机器人回答", "`?ask 问题`" })
            Assert.Contains(command, embed.Description);
    }

    [Theory]
    [InlineData("003", 1)]
    [InlineData("zz_note", 25)]
    [InlineData("", 25)]
    [InlineData("灯塔守夜记录第1", 11)]
    public async Task Autocomplete_offers_the_transcripts_matching_what_is_typed_at_most_25(string typed, int expected)
    {
        var result = await Bot.InteractAsync(FakePayloads.Autocomplete("ask", "source", typed, BotUnderTest.NewId(), BotUnderTest.DefaultGuildId));

        Assert.Equal(8, result.CallbackType);
        var choices = (result.Data["choices"] as JsonArray ?? []).OfType<JsonObject>().ToArray();
        Assert.Equal(expected, choices.Length);
        var sources = Bot.Index.Documents.Select(d => d.Source).ToHashSet();
        Assert.All(choices, choice =>
        {
            var value = choice["value"].Text()!;
            Assert.Contains(value, sources);
            Assert.Contains(typed, choice["name"].Text()!, StringComparison.OrdinalIgnoreCase);
            Assert.InRange(choice["name"].Text()!.Length, 1, 100);
        });
        if (typed == "003")
            Assert.Equal(Source003, choices[0]["value"].Text());
    }

    [Fact]
    public async Task Answer_with_bot_menu_answers_the_selected_message()
    {
        var channel = BotUnderTest.NewId();
        var target = await Bot.SendAsync(BotUnderTest.UserMessage(channel, $"有人知道 <@{BotUnderTest.NewId()}> 说的 {Question}？"));

        var result = await Bot.InteractAsync(BotUnderTest.MessageMenu("用机器人回答", target, BotUnderTest.DefaultGuildId));

        var shown = await result.ReplyAsync();
        var embed = shown.SingleEmbed();
        Assert.Equal($"问：有人知道 说的 {Question}？", embed.Title);
        AnswerChecks.AssertAnswer(Bot, $"有人知道 说的 {Question}？", embed);
        Assert.Empty(Bot.PostsIn(channel)); // The message itself was not a question for the bot.
    }

    [Fact]
    public async Task Pin_answer_menu_on_a_member_message_is_refused()
    {
        var channel = BotUnderTest.NewId();
        var target = await Bot.SendAsync(BotUnderTest.UserMessage(channel, Question));
        var moderator = BotUnderTest.User(BotUnderTest.NewId(), "moderator");

        var result = await Bot.InteractAsync(BotUnderTest.MessageMenu("置顶回答", target, BotUnderTest.DefaultGuildId, moderator, FakePayloads.ModeratorPermissions));

        Assert.Equal(4, result.CallbackType);
        Assert.True(result.IsEphemeral);
        Assert.Contains("只能置顶机器人的回答", result.Content);
        Assert.Empty(Bot.Discord.Rest.Requests.Where(r => r.Method == "PUT" && r.Path.Contains("/pins/", StringComparison.Ordinal)));
    }
}
