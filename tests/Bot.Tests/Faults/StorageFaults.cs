using Bot.Storage;
using Bot.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Faults;

/// <summary>Faults of the database file: another process's write lock, a full disk, and what it takes to stage them.</summary>
internal static class StorageFaults
{
    /// <summary>An answer, once the bot has recorded which message shows it (a write of its own, after the post).</summary>
    public static async Task<Reply> AskAndRecordAsync(BotUnderTest bot, ulong channel, string question = "Schulman 发明了哪些强化学习算法")
    {
        var reply = await bot.AskAsync(FaultChecks.Question(channel, question));
        var answers = bot.Services.GetRequiredService<AnswerStore>();
        Assert.True(await BotUnderTest.EventuallyAsync(() => answers.FindByMessage(reply.MessageId) is not null));
        return reply;
    }

    /// <summary>The bot's own tables wait at most <paramref name="patience"/> for another process's write lock (30 s by default).</summary>
    public static Action<IServiceCollection> Patience(BotUnderTest bot, TimeSpan patience) =>
        services => services.AddSingleton(new BotDatabase(bot.IndexPath, patience / 2, patience));

    public static long PageCount(string path)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA page_count";
        return (long)command.ExecuteScalar()!;
    }

    public static TimeSpan Median(IReadOnlyList<TimeSpan> values) => values.Order().ElementAt(values.Count / 2);

    /// <summary>Another process's write transaction on the database file, held until disposed.</summary>
    public sealed class WriteLock : IDisposable
    {
        private readonly SqliteConnection connection;

        private WriteLock(SqliteConnection connection) => this.connection = connection;

        public static WriteLock Take(string path)
        {
            var connection = new SqliteConnection($"Data Source={path};Pooling=False");
            connection.Open();
            using var command = connection.CreateCommand();
            // In WAL mode IMMEDIATE takes the write lock at once: readers go on, every other writer waits.
            command.CommandText = "PRAGMA busy_timeout=10000; BEGIN IMMEDIATE;";
            command.ExecuteNonQuery();
            return new WriteLock(connection);
        }

        public void Dispose()
        {
            using (var command = connection.CreateCommand())
            {
                command.CommandText = "ROLLBACK";
                command.ExecuteNonQuery();
            }
            connection.Dispose();
        }
    }
}
