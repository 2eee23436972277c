using Microsoft.Data.Sqlite;

namespace Bot.Storage;

/// <summary>
/// The bot's own tables (answers shown, pins, pins in flight) in the same SQLite file as the index, so that one
/// file holds everything that must survive a restart. A connection per operation, from the pool.
/// </summary>
internal sealed class BotDatabase
{
    private readonly string connectionString;

    public BotDatabase(string path)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = full,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            PRAGMA journal_mode=WAL;
            CREATE TABLE IF NOT EXISTS answers(
                id INTEGER PRIMARY KEY,
                guild_id INTEGER,
                channel_id INTEGER NOT NULL,
                message_id INTEGER,
                question TEXT NOT NULL,
                source TEXT,
                created_utc TEXT NOT NULL);
            CREATE INDEX IF NOT EXISTS answers_by_message ON answers(message_id);
            CREATE TABLE IF NOT EXISTS pins(
                message_id INTEGER PRIMARY KEY,
                guild_id INTEGER NOT NULL,
                channel_id INTEGER NOT NULL,
                answer_id INTEGER NOT NULL,
                question TEXT NOT NULL,
                passages TEXT NOT NULL,
                pinned_by INTEGER NOT NULL,
                pinned_by_name TEXT NOT NULL,
                pinned_utc TEXT NOT NULL);
            CREATE INDEX IF NOT EXISTS pins_by_guild ON pins(guild_id);
            CREATE TABLE IF NOT EXISTS pin_intents(
                message_id INTEGER PRIMARY KEY,
                action TEXT NOT NULL,
                guild_id INTEGER NOT NULL,
                channel_id INTEGER NOT NULL,
                answer_id INTEGER NOT NULL,
                question TEXT NOT NULL,
                passages TEXT NOT NULL,
                pinned_by INTEGER NOT NULL,
                pinned_by_name TEXT NOT NULL,
                created_utc TEXT NOT NULL);
            """;
        command.ExecuteNonQuery();
    }

    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA foreign_keys=ON; PRAGMA busy_timeout=10000;";
        pragma.ExecuteNonQuery();
        return connection;
    }
}
