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

    private async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(params string[] arguments)
    {
        using var process = BotProcess.Start(folder, arguments, new Dictionary<string, string> { ["DISCORD_TOKEN"] = "" });
        var exitCode = await process.WaitForExitAsync(TimeSpan.FromSeconds(60));
        return (exitCode, process.Stdout, process.Stderr);
    }
}
