using Microsoft.Data.Sqlite;

namespace Bot.Storage;

/// <summary>
/// The answers the bot has shown, so that their buttons keep working after a restart: a button's custom id
/// carries only the answer's id, the question is read back from here.
/// </summary>
internal sealed class AnswerStore(BotDatabase database, TimeProvider time)
{
    public long Add(ulong? guildId, ulong channelId, string question, string? source)
    {
        using var connection = database.Open();
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
    }

    /// <summary>Records which message shows the answer (known once Discord has accepted it).</summary>
    public void SetMessage(long answerId, ulong messageId)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "UPDATE answers SET message_id = $message WHERE id = $id";
        command.Parameters.AddWithValue("$message", (long)messageId);
        command.Parameters.AddWithValue("$id", answerId);
        command.ExecuteNonQuery();
    }

    public void Remove(long answerId)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM answers WHERE id = $id";
        command.Parameters.AddWithValue("$id", answerId);
        command.ExecuteNonQuery();
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
