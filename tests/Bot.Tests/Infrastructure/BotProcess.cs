using System.Diagnostics;
using System.Text;
using FakeDiscord;

namespace Bot.Tests.Infrastructure;

/// <summary>
/// The built bot (<c>dotnet Bot.dll …</c>) as a process of its own, as an operator runs it: to be stopped (SIGTERM) or
/// killed (SIGKILL: no shutdown, no finally) in the middle of something. Only the configuration given here reaches it;
/// none is inherited.
/// </summary>
internal sealed class BotProcess : IDisposable
{
    private readonly Process process;
    private readonly RecordLog<string> lines = new();
    private readonly StringBuilder output = new();
    private readonly StringBuilder stdout = new();
    private readonly StringBuilder stderr = new();

    private BotProcess(Process process) => this.process = process;

    public static BotProcess Start(string workingDirectory, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Bot.dll"));
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        foreach (var name in start.Environment.Keys.Where(IsBotSetting).ToList())
            start.Environment.Remove(name);
        foreach (var (name, value) in environment)
            start.Environment[name] = value;
        var bot = new BotProcess(new Process { StartInfo = start, EnableRaisingEvents = true });
        bot.process.OutputDataReceived += (_, e) => bot.Add(e.Data, bot.stdout);
        bot.process.ErrorDataReceived += (_, e) => bot.Add(e.Data, bot.stderr);
        bot.process.Start();
        bot.process.StandardInput.Close();
        bot.process.BeginOutputReadLine();
        bot.process.BeginErrorReadLine();
        return bot;
    }

    public bool HasExited => process.HasExited;

    /// <summary>Everything it printed so far, standard output and error interleaved.</summary>
    public string Output => Read(output);

    /// <summary>What it printed so far on standard output.</summary>
    public string Stdout => Read(stdout);

    /// <summary>What it printed so far on standard error.</summary>
    public string Stderr => Read(stderr);

    public Task<string> WaitForLineAsync(Func<string, bool> predicate, TimeSpan timeout) => lines.WaitAsync(predicate, timeout, "bot output line");

    /// <summary>SIGTERM, as systemd or docker stop sends it.</summary>
    public bool Terminate() => !OperatingSystem.IsWindows() && SysKill(process.Id, 15) == 0;

    /// <summary>SIGKILL, as the OOM killer or a power cut would end it.</summary>
    public void Kill() => process.Kill(entireProcessTree: true);

    /// <summary>Waits for the process to exit and for all it printed to be read; its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(cancel.Token);
        return process.ExitCode;
    }

    public void Dispose()
    {
        if (!process.HasExited)
            process.Kill(entireProcessTree: true);
        process.Dispose();
    }

    private void Add(string? line, StringBuilder stream)
    {
        if (line is null)
            return;
        lock (output)
        {
            output.AppendLine(line);
            stream.AppendLine(line);
        }
        lines.Add(line);
    }

    private string Read(StringBuilder text)
    {
        lock (output)
            return text.ToString();
    }

    private static bool IsBotSetting(string name) =>
        name.Equals("DISCORD_TOKEN", StringComparison.OrdinalIgnoreCase)
        || new[] { "Discord__", "Corpus__", "Index__", "Bot__", "Logging__" }.Any(p => name.StartsWith(p, StringComparison.OrdinalIgnoreCase));

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SysKill(int pid, int signal);
}
