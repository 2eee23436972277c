using Microsoft.Extensions.Logging.Console;

namespace Bot.Hosting;

/// <summary>How log lines look on the console: one line each, starting with the date and time (ISO 8601, with the offset).</summary>
internal static class LogFormat
{
    public const string Timestamp = "yyyy-MM-dd'T'HH:mm:ss.fffzzz ";

    public static void Apply(SimpleConsoleFormatterOptions options)
    {
        options.SingleLine = true;
        options.TimestampFormat = Timestamp;
    }
}
