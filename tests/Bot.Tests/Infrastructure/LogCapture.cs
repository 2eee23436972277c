using FakeDiscord;
using Microsoft.Extensions.Logging;

namespace Bot.Tests.Infrastructure;

/// <summary>
/// Every log line of the bot under test, at every level the configuration lets through, with its structured
/// values and exception, so tests can search them (for the token) or wait for one (set-up done, pin settled).
/// </summary>
public sealed class LogCapture : ILoggerProvider
{
    private readonly RecordLog<LogLine> lines = new();

    public IReadOnlyList<LogLine> Lines => lines.Snapshot();

    public int Count(Func<LogLine, bool> predicate) => lines.Where(predicate).Count;

    /// <summary>The <paramref name="count"/>-th line (1-based, counting those already logged) that matches.</summary>
    public async Task<LogLine> WaitForAsync(Func<LogLine, bool> predicate, int count = 1, TimeSpan? timeout = null) =>
        (await lines.WaitForCountAsync(predicate, count, timeout ?? BotUnderTest.Timeout, "log line").ConfigureAwait(false))[count - 1];

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(LogCapture capture, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs
                ? pairs.Select(p => $"{p.Key}={p.Value}").ToArray()
                : [];
            capture.lines.Add(new LogLine(logLevel, category, formatter(state, exception), values, exception?.ToString()));
        }
    }
}

public sealed record LogLine(LogLevel Level, string Category, string Message, IReadOnlyList<string> Values, string? Exception)
{
    public bool Contains(string text) =>
        Message.Contains(text, StringComparison.Ordinal)
        || Values.Any(v => v.Contains(text, StringComparison.Ordinal))
        || (Exception?.Contains(text, StringComparison.Ordinal) ?? false);

    public override string ToString() => $"{Level} {Category}: {Message}";
}
