using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Bot.Storage;

/// <summary>
/// The answers the bot has shown, so that their buttons keep working after a restart: a button's custom id
/// carries only the answer's id, the question is read back from here. Written through <see cref="QuickWriter"/>.
/// </summary>
internal sealed class AnswerStore(BotDatabase database, QuickWriter writer, TimeProvider time, ILogger<AnswerStore> logger)
{
    /// <summary>
    /// Stores an answer so that its buttons work later; null (logged) when the database cannot take it within about a
    /// second. The answer is then shown without buttons, rather than late or not at all.
    /// </summary>
    /// <param name="firstPassage">The passage the answer shows first, which its 👎 votes push down.</param>
    public long? TryAdd(ulong? guildId, ulong channelId, string question, string? source, PassageKey? firstPassage)
    {
        try
        {
            return Add(guildId, channelId, question, source, firstPassage);
        }
        catch (Exception e) when (e is SqliteException or TimeoutException)
        {
            logger.LogWarning("Could not store an answer in channel {Channel}; it is shown without buttons: {Reason}", channelId, e.Message);
            return null;
        }
    }

    private long Add(ulong? guildId, ulong channelId, string question, string? source, PassageKey? firstPassage) => writer.Write(connection =>
    {
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO answers(guild_id, channel_id, question, source, created_utc, first_source, first_locator)
            VALUES ($guild, $channel, $question, $source, $created, $firstSource, $firstLocator) RETURNING id
            """;
        command.Parameters.AddWithValue("$guild", guildId is { } g ? (long)g : DBNull.Value);
        command.Parameters.AddWithValue("$channel", (long)channelId);
        command.Parameters.AddWithValue("$question", question);
        command.Parameters.AddWithValue("$source", (object?)source ?? DBNull.Value);
        command.Parameters.AddWithValue("$created", time.GetUtcNow().ToString("O"));
        command.Parameters.AddWithValue("$firstSource", (object?)firstPassage?.Source ?? DBNull.Value);
        command.Parameters.AddWithValue("$firstLocator", (object?)firstPassage?.Locator ?? DBNull.Value);
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
            writer.Write(connection =>
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
            writer.Write(connection =>
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

    /// <summary>The columns <see cref="Read"/> reads, in order.</summary>
    internal const string Columns = "id, guild_id, channel_id, message_id, question, source, first_source, first_locator";

    public StoredAnswer? Find(long answerId) => Single($"SELECT {Columns} FROM answers WHERE id = $key", answerId);

    public StoredAnswer? FindByMessage(ulong messageId) =>
        Single($"SELECT {Columns} FROM answers WHERE message_id = $key", (long)messageId);

    private StoredAnswer? Single(string sql, long key)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$key", key);
        using var reader = command.ExecuteReader();
        return reader.Read() ? Read(reader) : null;
    }

    internal static StoredAnswer Read(SqliteDataReader reader) => new(
        reader.GetInt64(0),
        reader.IsDBNull(1) ? null : (ulong)reader.GetInt64(1),
        (ulong)reader.GetInt64(2),
        reader.IsDBNull(3) ? null : (ulong)reader.GetInt64(3),
        reader.GetString(4),
        reader.IsDBNull(5) ? null : reader.GetString(5),
        reader.IsDBNull(6) || reader.IsDBNull(7) ? null : new PassageKey(reader.GetString(6), reader.GetString(7)));
}

/// <param name="FirstPassage">What the answer showed first; null for answers stored before votes existed.</param>
internal sealed record StoredAnswer(long Id, ulong? GuildId, ulong ChannelId, ulong? MessageId, string Question, string? Source, PassageKey? FirstPassage);
