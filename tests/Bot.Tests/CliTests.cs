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

    /// <summary>What System.CommandLine itself says in English; none of it may reach a person.</summary>
    private static readonly string[] FrameworkEnglish =
    [
        "Usage", "Description", "Options:", "Commands:", "Arguments:", "Show help", "Show version", "default:", "Required", "required",
        "Unrecognized", "Cannot parse", "argument", "Option '", "The Discord", "must be", "token is",
    ];

    [Theory]
    [InlineData("ask")]
    [InlineData("ask", "--top", "abc", "预训练")]
    [InlineData("ask", "--top")]
    [InlineData("ask", "--bogus", "预训练")]
    [InlineData("search", "--bogus")]
    [InlineData("eval")]
    public async Task Command_line_mistakes_exit_with_2_and_one_Chinese_line_naming_the_mistake(params string[] arguments)
    {
        var run = await RunAsync(arguments);

        AssertOneChineseLine(run);
        var named = arguments.Contains("--bogus") ? "--bogus" : arguments.Contains("abc") ? "abc" : arguments.Contains("--top") ? "--top" : arguments[0] == "eval" ? "--questions" : "问题";
        Assert.Contains(named, run.Stderr);
    }

    [Theory]
    [InlineData("DISCORD_TOKEN", "   ", "令牌")]
    [InlineData("Bot__QuestionLogDays", "0", "Bot:QuestionLogDays")]
    [InlineData("Bot__QuestionLogDays", "400", "Bot:QuestionLogDays")]
    [InlineData("Corpus__MaxFileMegabytes", "lots", "Corpus:MaxFileMegabytes")]
    [InlineData("Corpus__Path", "no-such-folder", "Corpus:Path")]
    [InlineData("Discord__ShardId", "2", "Discord:ShardId")]
    [InlineData("Discord__Timings__ConnectTimeout", "soon", "Discord:Timings:ConnectTimeout")]
    public async Task Serve_refuses_a_setting_it_cannot_use_with_one_Chinese_line_naming_the_key_and_the_value(string variable, string value, string named)
    {
        var settings = new Dictionary<string, string>
        {
            ["DISCORD_TOKEN"] = "fake-token-not-used",
            ["Corpus__Path"] = Repo.Seeds,
            ["Index__Path"] = Path.Combine(folder, "data", "bot.db"),
            ["Discord__ShardCount"] = "2",
            [variable] = value,
        };

        var run = await RunAsync(settings, "serve");

        AssertOneChineseLine(run);
        Assert.Contains(named, run.Stderr);
        if (variable != "DISCORD_TOKEN")
            Assert.Contains(value, run.Stderr);
        Assert.False(File.Exists(Path.Combine(folder, "data", "bot.db")), "a refused start should not touch the index");
    }

    [Fact]
    public async Task Every_command_checks_the_settings_the_same_way()
    {
        var bad = new Dictionary<string, string> { ["Bot__QuestionLogDays"] = "0", ["Corpus__Path"] = Repo.Seeds };

        foreach (var command in new[] { "ask", "search", "index", "report", "eval" })
        {
            var arguments = command switch { "ask" or "search" => new[] { command, "预训练" }, "eval" => [command, "--questions", "x.tsv"], _ => [command] };
            var run = await RunAsync(bad, arguments);
            AssertOneChineseLine(run);
            Assert.Contains("Bot:QuestionLogDays", run.Stderr);
        }
    }

    [Fact]
    public async Task Help_is_Chinese_as_an_option_and_as_a_command()
    {
        var option = await RunAsync("--help");
        var command = await RunAsync("help");
        var ask = await RunAsync("help", "ask");
        var askOption = await RunAsync("ask", "--help");

        foreach (var run in new[] { option, command, ask, askOption })
        {
            Assert.Equal(0, run.ExitCode);
            Assert.Contains("用法：", run.Stdout);
            Assert.DoesNotContain(FrameworkEnglish, e => run.Stdout.Contains(e, StringComparison.Ordinal));
        }
        Assert.Equal(option.Stdout, command.Stdout);
        Assert.Equal(ask.Stdout, askOption.Stdout);
        Assert.Contains("--top <N>", ask.Stdout);
        Assert.Contains("（默认 3）", ask.Stdout);
        Assert.Contains("ask <问题>", option.Stdout);
    }

    [Fact]
    public async Task A_source_naming_no_transcript_says_so_and_lists_the_closest_names()
    {
        var settings = new Dictionary<string, string> { ["Corpus__Path"] = Repo.Seeds, ["Index__Path"] = Path.Combine(folder, "data", "bot.db") };
        var seed = Repo.SeedFiles[1];
        var typo = seed[..^6] + seed[^4..]; // two characters short

        var run = await RunAsync(settings, "ask", "--source", typo, "预训练");

        AssertOneChineseLine(run);
        Assert.Contains($"「{typo}」", run.Stderr);
        var suggested = run.Stderr[run.Stderr.IndexOf("最接近", StringComparison.Ordinal)..];
        Assert.StartsWith(seed, suggested[(suggested.IndexOf('是') + 2)..]);
    }

    [Fact]
    public async Task Settings_and_relative_paths_are_read_from_the_folder_with_appsettings_json_when_run_from_below_it()
    {
        File.WriteAllText(Path.Combine(folder, "appsettings.json"), """{ "Corpus": { "Path": "transcripts" }, "Index": { "Path": "state/bot.db" } }""");
        Directory.CreateDirectory(Path.Combine(folder, "transcripts"));
        File.Copy(Path.Combine(Repo.Seeds, Repo.SeedFiles[0]), Path.Combine(folder, "transcripts", Repo.SeedFiles[0]));
        var below = Directory.CreateDirectory(Path.Combine(folder, "src", "Bot")).FullName;

        using var process = BotProcess.Start(below, ["index"], new Dictionary<string, string>());
        var exitCode = await process.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.True(exitCode == 0, process.Output);
        Assert.Contains($"+ {Repo.SeedFiles[0]}", process.Stdout);
        Assert.True(Directory.Exists(Path.Combine(folder, "state", "bot.index")), "the index is not where Index:Path says, relative to appsettings.json");
        Assert.False(Directory.Exists(Path.Combine(below, "state")), "the index was put relative to the current folder");
    }

    [Fact]
    public async Task The_index_summary_says_in_Chinese_why_a_file_was_skipped()
    {
        var corpus = Directory.CreateDirectory(Path.Combine(folder, "corpus")).FullName;
        File.Copy(Path.Combine(Repo.Seeds, Repo.SeedFiles[0]), Path.Combine(corpus, Repo.SeedFiles[0]));
        var bytes = new byte[4096];
        new Random(7).NextBytes(bytes);
        bytes[10] = 0;
        File.WriteAllBytes(Path.Combine(corpus, "zz_noise.txt"), bytes);

        var run = await RunAsync(new Dictionary<string, string> { ["Corpus__Path"] = corpus }, "index");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("! zz_noise.txt：是二进制数据", run.Stdout);
        Assert.Contains($"+ {Repo.SeedFiles[0]}", run.Stdout);
        Assert.DoesNotContain("binary", run.Stdout);
    }

    private static void AssertOneChineseLine((int ExitCode, string Stdout, string Stderr) run)
    {
        Assert.True(run.ExitCode == 2, $"exit code {run.ExitCode}: {run.Stdout}{run.Stderr}");
        var lines = run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.True(lines.Length == 1, $"not one line: {run.Stderr}");
        Assert.Contains(lines[0], c => c >= '\u4e00' && c <= '\u9fff');
        Assert.DoesNotContain(FrameworkEnglish, e => lines[0].Contains(e, StringComparison.Ordinal));
        Assert.Empty(run.Stdout.Trim());
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
        Assert.Contains($"corpus {corpus}; index {Path.Combine(folder, "data", "bot.index")}: {Repo.SeedFiles.Count} files", bot.Stdout);
        Assert.Contains("shard 0 of 1; metrics off", bot.Stdout);
        Assert.All(bot.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries), line => Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}[+-]\d{2}:\d{2} ", line));
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
        var environment = new Dictionary<string, string>(settings);
        environment.TryAdd("DISCORD_TOKEN", "");
        using var process = BotProcess.Start(folder, arguments, environment);
        var exitCode = await process.WaitForExitAsync(TimeSpan.FromSeconds(60));
        return (exitCode, process.Stdout, process.Stderr);
    }
}
