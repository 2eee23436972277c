using System.Text.Json.Nodes;
using Bot.Tests.Infrastructure;
using FakeDiscord;

namespace Bot.Tests;

/// <summary>The built bot run as a process, as an operator would: what it says when it cannot start.</summary>
public sealed class CliTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "bot-tests", "cli-" + Guid.NewGuid().ToString("N"));

    public CliTests() => Directory.CreateDirectory(folder);

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public async Task Serve_without_a_token_exits_with_2_and_says_how_to_set_DISCORD_TOKEN()
    {
        var run = await RunAsync("serve");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("DISCORD_TOKEN", run.Stderr);
        Assert.DoesNotContain("   at ", run.Stderr + run.Stdout);
        Assert.False(File.Exists(Path.Combine(folder, "data", "bot.db")), "serve without a token should not touch the index");
    }

    [Fact]
    public async Task Serve_is_the_default_command()
    {
        var run = await RunAsync();

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("DISCORD_TOKEN", run.Stderr);
    }

    [Theory]
    [InlineData("--no-such-option")]
    [InlineData("search", "--top", "many")]
    [InlineData("frobnicate", "now")]
    [InlineData("eval", "--questions", "no-such-file.tsv")]
    [InlineData("report", "--days", "0")]
    [InlineData("report", "--days", "many")]
    [InlineData("report")] // no database in the folder yet
    public async Task Bad_arguments_exit_with_2_and_a_one_line_error_without_a_stack_trace(params string[] arguments)
    {
        var run = await RunAsync(arguments);

        Assert.Equal(2, run.ExitCode);
        var error = run.Stderr.Trim();
        Assert.NotEmpty(error);
        Assert.DoesNotContain('\n', error);
        Assert.DoesNotContain(" at ", error);
        Assert.DoesNotContain("Exception", error);
    }

    [Fact]
    public async Task Serve_with_a_token_connects_names_its_servers_answers_and_stops_cleanly_on_SIGTERM()
    {
        var token = "fake-token-" + Guid.NewGuid().ToString("N");
        await using var discord = await FakeDiscordServer.StartAsync(new FakeDiscordOptions { Token = token, HeartbeatInterval = TimeSpan.FromSeconds(2) });
        var corpus = Path.Combine(folder, "corpus");
        Directory.CreateDirectory(corpus);
        foreach (var seed in Directory.GetFiles(Repo.Seeds))
            File.Copy(seed, Path.Combine(corpus, Path.GetFileName(seed)));
        var channel = BotUnderTest.NewId();
        using var bot = BotProcess.Start(folder, ["serve"], new Dictionary<string, string>
        {
            ["DISCORD_TOKEN"] = token,
            ["Discord__ApiBaseUrl"] = discord.ApiBaseUrl,
            ["Discord__AnswerChannels__0"] = channel.ToString(),
            ["Corpus__Path"] = corpus,
            ["Index__Path"] = Path.Combine(folder, "data", "bot.db"),
        });

        await discord.Gateway.WaitForReadyAsync(timeout: TimeSpan.FromSeconds(30));
        await discord.Rest.WaitForRequestAsync($"PUT /applications/{discord.Options.ApplicationId}/commands", TimeSpan.FromSeconds(30));
        await bot.WaitForLineAsync(l => l.Contains("Index updated", StringComparison.Ordinal), TimeSpan.FromSeconds(60)); // the first build
        var question = FakePayloads.Message(channel, "Schulman 发明了哪些强化学习算法", BotUnderTest.DefaultGuildId);
        await discord.Gateway.SendMessageCreateAsync(question);
        var reply = await discord.Rest.WaitForRequestAsync(r => BotUnderTest.IsReplyTo(r, question.MessageId()), TimeSpan.FromSeconds(30));
        Assert.Equal(200, reply.StatusCode);
        Assert.Contains("—— 出处：", reply.BodyObject().SingleEmbed().Description);

        Assert.True(bot.Terminate(), "could not send SIGTERM");
        var exitCode = await bot.WaitForExitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(0, exitCode);
        Assert.Contains("Connected to Discord, serving 1 server(s): Test Guild", bot.Stdout);
        Assert.Contains($"Answered a question in channel {channel}", bot.Stdout);
        Assert.DoesNotContain(token, bot.Output);
        Assert.Contains(discord.Gateway.Connections.Snapshot(), c => c.ClientCloseStatus == 1000);
    }

    [Fact]
    public async Task Report_lists_for_every_server_the_unanswered_questions_grouped_and_the_downvoted_answers_without_member_ids()
    {
        // A run of the bot that leaves questions and votes behind in two servers.
        await using var bot = await BotUnderTest.StartAsync();
        var (serverA, serverB) = (BotUnderTest.DefaultGuildId, BotUnderTest.NewId());
        var (channelA, channelB) = (BotUnderTest.NewId(), BotUnderTest.NewId());
        var asker = BotUnderTest.User(BotUnderTest.NewId(), "asker");
        await bot.AskAsync(BotUnderTest.UserMessage(channelA, "?ask 红烧肉怎么做才好吃", serverA, asker));
        await bot.AskAsync(BotUnderTest.UserMessage(channelA, "?ask 好吃的红烧肉怎么做？", serverA, asker));
        var wrong = await bot.AskAsync(BotUnderTest.UserMessage(channelA, $"?ask {PinTests.Question}", serverA, asker));
        await bot.AskAsync(BotUnderTest.UserMessage(channelB, "?ask 明天上海会下雨吗", serverB, asker));
        var voters = Enumerable.Range(0, 3).Select(i => BotUnderTest.User(BotUnderTest.NewId(), $"voter{i}")).ToList();
        await bot.VoteAsync(wrong.MessageId, VoteChecks.Down, voters[0], serverA);
        await bot.VoteAsync(wrong.MessageId, VoteChecks.Down, voters[1], serverA);
        await bot.VoteAsync(wrong.MessageId, VoteChecks.Up, voters[2], serverA);
        await bot.StopBotAsync();
        var database = new Dictionary<string, string> { ["Index__Path"] = bot.IndexPath };

        var json = await RunAsync(database, "report", "--json");
        var text = await RunAsync(database, "report", "--days", "7");

        Assert.Equal(0, json.ExitCode);
        var report = Assert.IsType<JsonObject>(JsonNode.Parse(Assert.Single(json.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries))));
        Assert.Equal(30, report["days"].Int());
        Assert.Equal(30, report["kept_days"].Int());
        Assert.InRange(DateTimeOffset.Parse(report["since"].Text()!), DateTimeOffset.UtcNow.AddDays(-30).AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(-30));
        var servers = (JsonArray)report["servers"]!;
        Assert.Equal([serverA.ToString(), serverB.ToString()], servers.Select(s => s!["guild_id"].Text())); // by id

        var a = servers.Single(s => s!["guild_id"].Text() == serverA.ToString())!;
        Assert.Equal((3, 2), (a["questions"].Int(), a["unanswered"].Int()));
        var group = Assert.Single((JsonArray)a["unanswered_questions"]!)!;
        Assert.Equal((2, "好吃的红烧肉怎么做？"), (group["count"].Int(), group["example"].Text()));
        Assert.NotNull(group["last_asked"].Text());
        var downvoted = Assert.Single((JsonArray)a["downvoted_answers"]!)!;
        Assert.Equal((PinTests.Question, 2, 1), (downvoted["question"].Text(), downvoted["down"].Int(), downvoted["up"].Int()));
        Assert.Equal(VoteChecks.AnswerId(wrong.Body), (long)downvoted["answer_id"]!);
        Assert.Equal(channelA.ToString(), downvoted["channel_id"].Text());
        Assert.Equal(Bot.Answers.AnswerFormatter.MessageLink(serverA, channelA, wrong.MessageId), downvoted["link"].Text());

        var b = servers.Single(s => s!["guild_id"].Text() == serverB.ToString())!;
        Assert.Equal((1, 1), (b["questions"].Int(), b["unanswered"].Int()));
        Assert.Equal("明天上海会下雨吗", b["unanswered_questions"]![0]!["example"].Text());
        Assert.Empty((JsonArray)b["downvoted_answers"]!);

        // Who asked and who voted is not there; the text report says the same for people.
        foreach (var member in voters.Append(asker))
            Assert.DoesNotContain(member["id"].Text()!, json.Stdout + text.Stdout);
        Assert.Equal(0, text.ExitCode);
        Assert.Contains($"服务器 {serverA}：3 个问题，2 个没有找到相关段落", text.Stdout);
        Assert.Contains("  2 次  好吃的红烧肉怎么做？", text.Stdout);
        Assert.Contains($"👎 2  👍 1  {PinTests.Question}", text.Stdout);
        Assert.Contains($"服务器 {serverB}：1 个问题", text.Stdout);
        Assert.Empty(json.Stderr + text.Stderr);
    }

    private Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(params string[] arguments) => RunAsync(new Dictionary<string, string>(), arguments);

    private async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(IReadOnlyDictionary<string, string> settings, params string[] arguments)
    {
        using var process = BotProcess.Start(folder, arguments, new Dictionary<string, string>(settings) { ["DISCORD_TOKEN"] = "" });
        var exitCode = await process.WaitForExitAsync(TimeSpan.FromSeconds(60));
        return (exitCode, process.Stdout, process.Stderr);
    }
}
