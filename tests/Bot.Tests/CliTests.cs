using System.Diagnostics;
using Bot.Tests.Infrastructure;

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

    private async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Bot.dll"));
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("Discord__", StringComparison.OrdinalIgnoreCase) || k.StartsWith("Corpus__", StringComparison.OrdinalIgnoreCase) || k.StartsWith("Index__", StringComparison.OrdinalIgnoreCase)).ToList())
            start.Environment.Remove(name);
        start.Environment["DISCORD_TOKEN"] = "";

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        return (process.ExitCode, await stdout, await stderr);
    }
}
