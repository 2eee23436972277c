using System.Diagnostics;
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
        using var bot = new ChildProcess(folder, ["serve"], new Dictionary<string, string>
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
        var (exitCode, stdout, stderr) = await bot.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(0, exitCode);
        Assert.Contains("Connected to Discord, serving 1 server(s): Test Guild", stdout);
        Assert.Contains($"Answered a question in channel {channel}", stdout);
        Assert.DoesNotContain(token, stdout + stderr);
        Assert.Contains(discord.Gateway.Connections.Snapshot(), c => c.ClientCloseStatus == 1000);
    }

    private async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(params string[] arguments)
    {
        using var process = new ChildProcess(folder, arguments, new Dictionary<string, string> { ["DISCORD_TOKEN"] = "" });
        return await process.WaitAsync(TimeSpan.FromSeconds(60));
    }

    /// <summary><c>dotnet Bot.dll …</c> in a folder of its own, with only the configuration given here (none inherited).</summary>
    private sealed class ChildProcess : IDisposable
    {
        private readonly Process process;
        private readonly Task<string> stdout;
        private readonly Task<string> stderr;

        public ChildProcess(string workingDirectory, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment)
        {
            var start = new ProcessStartInfo("dotnet")
            {
                WorkingDirectory = workingDirectory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                RedirectStandardInput = true,
                StandardOutputEncoding = System.Text.Encoding.UTF8,
                StandardErrorEncoding = System.Text.Encoding.UTF8,
            };
            start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Bot.dll"));
            foreach (var argument in arguments)
                start.ArgumentList.Add(argument);
            foreach (var name in start.Environment.Keys.Where(IsBotSetting).ToList())
                start.Environment.Remove(name);
            foreach (var (name, value) in environment)
                start.Environment[name] = value;
            process = Process.Start(start)!;
            process.StandardInput.Close();
            stdout = process.StandardOutput.ReadToEndAsync();
            stderr = process.StandardError.ReadToEndAsync();
        }

        /// <summary>SIGTERM, as systemd or docker stop sends it.</summary>
        public bool Terminate() => !OperatingSystem.IsWindows() && SysKill(process.Id, 15) == 0;

        public async Task<(int ExitCode, string Stdout, string Stderr)> WaitAsync(TimeSpan timeout)
        {
            using var cancel = new CancellationTokenSource(timeout);
            await process.WaitForExitAsync(cancel.Token);
            return (process.ExitCode, await stdout, await stderr);
        }

        public void Dispose()
        {
            if (!process.HasExited)
                process.Kill(entireProcessTree: true);
            process.Dispose();
        }

        private static bool IsBotSetting(string name) =>
            name.Equals("DISCORD_TOKEN", StringComparison.OrdinalIgnoreCase)
            || new[] { "Discord__", "Corpus__", "Index__", "Bot__", "Logging__" }.Any(p => name.StartsWith(p, StringComparison.OrdinalIgnoreCase));

        [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
        private static extern int SysKill(int pid, int signal);
    }
}
