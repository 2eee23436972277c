using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Bot.Storage;

/// <summary>
/// The answers the bot has shown, so that their buttons keep working after a restart: a button's custom id
/// carries only the answer's id, the question is read back from here.
/// </summary>
/// <remarks>
/// Every question answered writes here twice (the answer, then the message showing it), so these writes are on the
/// path of every reply. They commit without waiting for the disk (synchronous=NORMAL: in WAL mode a commit survives
/// the process being killed, and only an operating-system crash or power loss can take back the last few); with
/// SQLite's default (FULL) each commit waited for an fsync, about 2.5 ms here, while holding the database's write lock,
/// which capped the bot near 200 questions a second and queued replies behind SQLite's busy back-off. Losing an answer
/// only makes its buttons say it expired; pins and everything else keep the default. The writes also take turns in
/// the process rather than in SQLite's busy handler, which sleeps in steps of milliseconds.
/// </remarks>
internal sealed class AnswerStore(BotDatabase database, TimeProvider time, ILogger<AnswerStore> logger)
{
    /// <summary>
    /// How long storing an answer may hold its reply up. Another process's write (an <c>index --rebuild</c>), an index
    /// update streaming a large transcript, or a full disk can keep the database from taking it for much longer.
    /// </summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(1);

    private readonly Lock writes = new();

    /// <summary>Until when (a timestamp) the database is known to be held by another writer: answers skip it at once.</summary>
    private long busyUntil;

    /// <summary>
    /// Stores an answer so that its buttons work later; null (logged) when the database cannot take it within about a
    /// second. The answer is then shown without buttons, rather than late or not at all.
    /// </summary>
    public long? TryAdd(ulong? guildId, ulong channelId, string question, string? source)
    {
        try
        {
            return Add(guildId, channelId, question, source);
        }
        catch (Exception e) when (e is SqliteException or TimeoutException)
        {
            logger.LogWarning("Could not store an answer in channel {Channel}; it is shown without buttons: {Reason}", channelId, e.Message);
            return null;
        }
    }

    private long Add(ulong? guildId, ulong channelId, string question, string? source) => Write(connection =>
    {
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO answers(guild_id, channel_id, question, source, created_utc)
            VALUES ($guild, $channel, $question, $source, $created) RETURNING id
            """;
        command.Parameters.AddWithValue("$guild", guildId is { } g ? (long)g : DBNull.Value);
        command.Parameters.AddWithValue("$channel", (long)channelId);
        command.Parameters.AddWithValue("$question", question);
        command.Parameters.AddWithValue("$source", (object?)source ?? DBNull.Value);
        command.Parameters.AddWithValue("$created", time.GetUtcNow().ToString("O"));
        return (long)command.ExecuteScalar()!;
    });

    /// <summary>
    /// Records which message shows the answer (known once Discord has accepted it), waiting at most about a second. Best
    /// effort: without it a button still finds its answer through the message's own buttons, so a database that cannot
    /// take it (logged) must not hold up the reply, or a click's acknowledgement, any longer.
    /// </summary>
    public void SetMessage(long answerId, ulong messageId)
    {
        try
        {
            Write(connection =>
            {
                using var command = connection.CreateCommand();
                command.CommandText = "UPDATE answers SET message_id = $message WHERE id = $id";
                command.Parameters.AddWithValue("$message", (long)messageId);
                command.Parameters.AddWithValue("$id", answerId);
                return command.ExecuteNonQuery();
            });
        }
        catch (Exception e) when (e is SqliteException or TimeoutException)
        {
            logger.LogWarning("Could not record that message {Message} shows answer {Answer}: {Reason}", messageId, answerId, e.Message);
        }
    }

    /// <summary>
    /// Forgets an answer Discord would not show. Best effort, like <see cref="SetMessage"/>: a row no message points to
    /// is harmless, and a busy database must not hold the handler for 30 s or fail it.
    /// </summary>
    public void Remove(long answerId)
    {
        try
        {
            Write(connection =>
            {
                using var command = connection.CreateCommand();
                command.CommandText = "DELETE FROM answers WHERE id = $id";
                command.Parameters.AddWithValue("$id", answerId);
                return command.ExecuteNonQuery();
            });
        }
        catch (Exception e) when (e is SqliteException or TimeoutException)
        {
            logger.LogWarning("Could not forget answer {Answer}, which Discord did not show: {Reason}", answerId, e.Message);
        }
    }

    /// <summary>
    /// A write of answers, committed without an fsync; the pooled connection gets its setting back afterwards. Gives up
    /// (TimeoutException, SqliteException) after about <see cref="Patience"/> instead of the usual 30 s.
    /// </summary>
    private T Write<T>(Func<SqliteConnection, T> write)
    {
        ThrowIfKnownBusy();
        if (!writes.TryEnter(Patience))
            throw new TimeoutException("Another answer is still waiting for the database.");
        try
        {
            // Answers that queued behind one that found the database held give up at once rather than wait their turn.
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

    public StoredAnswer? Find(long answerId) => Single("SELECT id, guild_id, channel_id, message_id, question, source FROM answers WHERE id = $key", answerId);

    public StoredAnswer? FindByMessage(ulong messageId) =>
        Single("SELECT id, guild_id, channel_id, message_id, question, source FROM answers WHERE message_id = $key", (long)messageId);

    private StoredAnswer? Single(string sql, long key)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$key", key);
        using var reader = command.ExecuteReader();
        return reader.Read() ? Read(reader) : null;
    }

    private static StoredAnswer Read(SqliteDataReader reader) => new(
        reader.GetInt64(0),
        reader.IsDBNull(1) ? null : (ulong)reader.GetInt64(1),
        (ulong)reader.GetInt64(2),
        reader.IsDBNull(3) ? null : (ulong)reader.GetInt64(3),
        reader.GetString(4),
        reader.IsDBNull(5) ? null : reader.GetString(5));
}

internal sealed record StoredAnswer(long Id, ulong? GuildId, ulong ChannelId, ulong? MessageId, string Question, string? Source);
