using Bot.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Bot.Hosting;

/// <summary>
/// Deletes the questions older than <c>Bot:QuestionLogDays</c>: when the bot starts (before it serves), then once a day.
/// </summary>
internal sealed class QuestionLogRetention(QuestionLog log, BotOptions options, TimeProvider time, ILogger<QuestionLogRetention> logger)
    : IHostedService, IDisposable
{
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);

    private ITimer? timer;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        DeleteExpired();
        timer = time.CreateTimer(_ => DeleteExpired(), null, Day, Day);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        timer?.Dispose();
        timer = null;
    }

    private void DeleteExpired()
    {
        try
        {
            var deleted = log.DeleteOlderThan(time.GetUtcNow() - TimeSpan.FromDays(options.QuestionLogDays));
            if (deleted > 0)
                logger.LogInformation("Deleted {Count} logged questions older than {Days} days (Bot:QuestionLogDays)", deleted, options.QuestionLogDays);
        }
        catch (Exception e) when (e is SqliteException or InvalidOperationException)
        {
            // Nothing is lost by deleting later: the next day tries again. (Thrown from the timer, it would end the process.)
            logger.LogWarning("Could not delete the logged questions older than {Days} days: {Reason}", options.QuestionLogDays, e.Message);
        }
    }
}
