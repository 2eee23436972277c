using FakeDiscord;
using Microsoft.Extensions.Logging;

namespace Bot.Discord.Tests.Infrastructure;

/// <summary>Captures every log line at every level, with its structured values, so tests can search them (for the token, for warnings) or wait for one.</summary>
public sealed class TestLog : ILoggerProvider
{
    private readonly RecordLog<LogLine> _lines = new();
    private readonly ILoggerFactory _factory;

    public TestLog() => _factory = LoggerFactory.Create(builder => builder.AddProvider(this).SetMinimumLevel(LogLevel.Trace));

    public IReadOnlyList<LogLine> Lines => _lines.Snapshot();

    /// <summary>The <paramref name="count"/>-th line that matches, once it is logged.</summary>
    public async Task<LogLine> WaitForAsync(Func<LogLine, bool> predicate, int count = 1) =>
        (await _lines.WaitForCountAsync(predicate, count, what: "log line"))[count - 1];

    public ILogger<T> For<T>() => _factory.CreateLogger<T>();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public bool Contains(string text) => Lines.Any(line => line.Contains(text));

    public void Dispose()
    {
    }

    private sealed class Logger(TestLog log, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs
                ? pairs.Select(p => $"{p.Key}={p.Value}").ToArray()
                : [];
            log._lines.Add(new LogLine(logLevel, category, formatter(state, exception), values, exception?.ToString()));
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
