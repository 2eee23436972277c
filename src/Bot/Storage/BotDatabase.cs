using Microsoft.Data.Sqlite;

namespace Bot.Storage;

/// <summary>
/// The bot's own tables (answers shown, pins, pins in flight, votes, the question log) in one SQLite file (Index:Path;
/// the search index is a Lucene folder beside it). A connection per operation, from the pool.
/// </summary>
internal sealed class BotDatabase
{
    /// <summary>SQLite's largest max_page_count: no cap.</summary>
    private const long Unlimited = 4294967294;

    private readonly string connectionString;
    private readonly string impatientConnectionString;
    private readonly int busyMilliseconds;
    private long? maxPageCount;
    private volatile bool pageCapUsed;

    public BotDatabase(string path)
        : this(path, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30))
    {
    }

    /// <param name="busyTimeout">How long SQLite waits for another connection's write lock (PRAGMA busy_timeout).</param>
    /// <param name="commandTimeout">How long a command keeps retrying a locked database in all. Tests shorten both.</param>
    internal BotDatabase(string path, TimeSpan busyTimeout, TimeSpan commandTimeout)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        busyMilliseconds = (int)busyTimeout.TotalMilliseconds;
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = full,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = Math.Max(1, (int)Math.Ceiling(commandTimeout.TotalSeconds)),
        };
        connectionString = builder.ToString();
        builder.DefaultTimeout = 1; // the shortest Microsoft.Data.Sqlite allows; the busy timeout below does the rest
        impatientConnectionString = builder.ToString();
        using var connection = Open();
        Execute(connection, "PRAGMA journal_mode=WAL;");
        Migrate(connection);
    }

    /// <summary>
    /// Creates the bot's tables, and brings a file an earlier version made up to date without losing its answers or pins:
    /// columns are added, and only the tables of the search index that used to live here are dropped. In one
    /// transaction, so shards starting at once do not both add a column.
    /// </summary>
    private static void Migrate(SqliteConnection connection)
    {
        using var transaction = connection.BeginTransaction();
        // The index before Lucene (passages first: they refer to documents and contents).
        Execute(connection, """
            DROP TABLE IF EXISTS passages;
            DROP TABLE IF EXISTS documents;
            DROP TABLE IF EXISTS contents;
            DROP TABLE IF EXISTS terms;
            DROP TABLE IF EXISTS meta;
            """);
        Execute(connection, """
            CREATE TABLE IF NOT EXISTS answers(
                id INTEGER PRIMARY KEY,
                guild_id INTEGER,
                channel_id INTEGER NOT NULL,
                message_id INTEGER,
                question TEXT NOT NULL,
                source TEXT,
                created_utc TEXT NOT NULL,
                first_source TEXT,
                first_locator TEXT);
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
            CREATE TABLE IF NOT EXISTS votes(
                answer_id INTEGER NOT NULL REFERENCES answers(id) ON DELETE CASCADE,
                member_id INTEGER NOT NULL,
                value INTEGER NOT NULL CHECK (value IN (-1, 1)),
                voted_utc TEXT NOT NULL,
                PRIMARY KEY (answer_id, member_id));
            CREATE TABLE IF NOT EXISTS question_log(
                id INTEGER PRIMARY KEY,
                guild_id INTEGER,
                channel_id INTEGER NOT NULL,
                question TEXT NOT NULL,
                asked_utc TEXT NOT NULL,
                results INTEGER NOT NULL,
                best_score REAL,
                answer_id INTEGER);
            CREATE INDEX IF NOT EXISTS question_log_by_time ON question_log(asked_utc);
            CREATE INDEX IF NOT EXISTS question_log_by_guild ON question_log(guild_id, asked_utc);
            """);
        // Added with votes: the passage an answer showed first, which its 👎 push down.
        AddColumnIfMissing(connection, "answers", "first_source", "TEXT");
        AddColumnIfMissing(connection, "answers", "first_locator", "TEXT");
        transaction.Commit();
    }

    private static void AddColumnIfMissing(SqliteConnection connection, string table, string column, string type)
    {
        using var columns = connection.CreateCommand();
        columns.CommandText = $"SELECT count(*) FROM pragma_table_info('{table}') WHERE name = '{column}'";
        if ((long)columns.ExecuteScalar()! == 0)
            Execute(connection, $"ALTER TABLE {table} ADD COLUMN {column} {type}");
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>
    /// Test seam for a full disk: caps the file at this many pages on every connection opened from now on, null lifts the
    /// cap. A write that needs more pages then fails with SQLITE_FULL exactly as on a full disk. SQLite's max_page_count
    /// holds only for the connection that sets it, so a test cannot impose it from a connection of its own.
    /// </summary>
    internal long? MaxPageCount
    {
        get => maxPageCount;
        set
        {
            maxPageCount = value;
            pageCapUsed = true;
        }
    }

    /// <param name="patience">
    /// When set, the connection's commands give up after about this long (at least a second) if another writer holds the
    /// database, instead of the usual 30 s: for writes a reply should not wait for.
    /// </param>
    public SqliteConnection Open(TimeSpan? patience = null)
    {
        var connection = new SqliteConnection(patience is null ? connectionString : impatientConnectionString);
        connection.Open();
        var busy = patience is { } wait ? Math.Min(busyMilliseconds, (int)wait.TotalMilliseconds) : busyMilliseconds;
        using var pragma = connection.CreateCommand();
        pragma.CommandText = $"PRAGMA foreign_keys=ON; PRAGMA busy_timeout={busy};"
            // Pooled connections keep the setting, so once the seam was used every open sets it, to the cap or back to none.
            + (pageCapUsed ? $" PRAGMA max_page_count={maxPageCount ?? Unlimited};" : "");
        pragma.ExecuteNonQuery();
        return connection;
    }
}
