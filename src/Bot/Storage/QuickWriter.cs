using Microsoft.Data.Sqlite;

namespace Bot.Storage;

/// <summary>
/// Writes on the path of a reply (the answer shown, the question asked): committed without an fsync, and given up after
/// about a second rather than holding the reply up.
/// </summary>
/// <remarks>
/// Every question answered writes here (the answer, the message showing it, the question log), so these writes are on
/// the path of every reply. They commit without waiting for the disk (synchronous=NORMAL: in WAL mode a commit survives
/// the process being killed, and only an operating-system crash or power loss can take back the last few); with
/// SQLite's default (FULL) each commit waited for an fsync, about 2.5 ms here, while holding the database's write lock,
/// which capped the bot near 200 questions a second and queued replies behind SQLite's busy back-off. Losing one of
/// these rows only makes an answer's buttons say it expired, or leaves a question out of <c>/gaps</c>; pins, votes and
/// everything else keep the default. The writes also take turns in the process rather than in SQLite's busy handler,
/// which sleeps in steps of milliseconds.
/// </remarks>
internal sealed class QuickWriter(BotDatabase database, TimeProvider time)
{
    /// <summary>
    /// How long a write may hold its reply up. Another process's write (an <c>index --rebuild</c>), an index update
    /// streaming a large transcript, or a full disk can keep the database from taking it for much longer.
    /// </summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(1);

    private readonly Lock writes = new();

    /// <summary>Until when (a timestamp) the database is known to be held by another writer: writes skip it at once.</summary>
    private long busyUntil;

    /// <summary>
    /// Runs <paramref name="write"/> on a connection that commits without an fsync; the pooled connection gets its setting
    /// back afterwards. Gives up (TimeoutException, SqliteException) after about a second instead of the usual 30 s.
    /// </summary>
    public T Write<T>(Func<SqliteConnection, T> write)
    {
        ThrowIfKnownBusy();
        if (!writes.TryEnter(Patience))
            throw new TimeoutException("Another write is still waiting for the database.");
        try
        {
            // Writes that queued behind one that found the database held give up at once rather than wait their turn.
            ThrowIfKnownBusy();
            try
            {
                return WriteNow(write);
            }
            catch (SqliteException e) when (e.SqliteErrorCode is 5 or 6) // SQLITE_BUSY, SQLITE_LOCKED
            {
                Volatile.Write(ref busyUntil, time.GetTimestamp() + (long)(Patience.TotalSeconds * time.TimestampFrequency));
                throw;
            }
        }
        finally
        {
            writes.Exit();
        }
    }

    private void ThrowIfKnownBusy()
    {
        if (time.GetTimestamp() < Volatile.Read(ref busyUntil))
            throw new TimeoutException("The database is held by another writer.");
    }

    private T WriteNow<T>(Func<SqliteConnection, T> write)
    {
        using var connection = database.Open(Patience);
        var synchronous = Pragma(connection, "PRAGMA synchronous");
        Pragma(connection, "PRAGMA synchronous=NORMAL");
        try
        {
            return write(connection);
        }
        finally
        {
            try
            {
                Pragma(connection, $"PRAGMA synchronous={synchronous}");
            }
            catch (SqliteException)
            {
                // Never hand the pool a connection that would commit pins without waiting for the disk.
                SqliteConnection.ClearPool(connection);
            }
        }
    }

    private static long Pragma(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar() is long value ? value : 0;
    }
}
