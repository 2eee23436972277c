using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Data.Sqlite;

namespace Bot.Storage;

/// <summary>
/// Moderators' pins. A pin or unpin is first written down as an intent, then done on Discord, then completed
/// in one transaction; an intent left behind by a crash is settled at start against what Discord shows.
/// </summary>
internal sealed class PinStore(BotDatabase database, TimeProvider time)
{
    public const string Pin = "pin";
    public const string Unpin = "unpin";

    public void Begin(PinIntent intent)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT OR REPLACE INTO pin_intents(message_id, action, guild_id, channel_id, answer_id, question, passages, pinned_by, pinned_by_name, created_utc)
            VALUES ($message, $action, $guild, $channel, $answer, $question, $passages, $by, $name, $created)
            """;
        command.Parameters.AddWithValue("$message", (long)intent.MessageId);
        command.Parameters.AddWithValue("$action", intent.Action);
        command.Parameters.AddWithValue("$guild", (long)intent.GuildId);
        command.Parameters.AddWithValue("$channel", (long)intent.ChannelId);
        command.Parameters.AddWithValue("$answer", intent.AnswerId);
        command.Parameters.AddWithValue("$question", intent.Question);
        command.Parameters.AddWithValue("$passages", JsonSerializer.Serialize(intent.Passages, PinJson.Default.IReadOnlyListPinnedPassage));
        command.Parameters.AddWithValue("$by", (long)intent.PinnedBy);
        command.Parameters.AddWithValue("$name", intent.PinnedByName);
        command.Parameters.AddWithValue("$created", time.GetUtcNow().ToString("O"));
        command.ExecuteNonQuery();
    }

    /// <summary>Discord has done what the intent said: store the outcome and drop the intent, atomically.</summary>
    public void Complete(ulong messageId)
    {
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.Parameters.AddWithValue("$message", (long)messageId);
        command.Parameters.AddWithValue("$now", time.GetUtcNow().ToString("O"));
        command.CommandText = """
            INSERT OR REPLACE INTO pins(message_id, guild_id, channel_id, answer_id, question, passages, pinned_by, pinned_by_name, pinned_utc)
            SELECT message_id, guild_id, channel_id, answer_id, question, passages, pinned_by, pinned_by_name, $now
            FROM pin_intents WHERE message_id = $message AND action = 'pin';
            DELETE FROM pins WHERE message_id = $message AND EXISTS (SELECT 1 FROM pin_intents WHERE message_id = $message AND action = 'unpin');
            DELETE FROM pin_intents WHERE message_id = $message;
            """;
        command.ExecuteNonQuery();
        transaction.Commit();
    }

    /// <summary>Discord refused, or the intent turned out to be moot: forget it, change nothing else.</summary>
    public void Abandon(ulong messageId)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM pin_intents WHERE message_id = $message";
        command.Parameters.AddWithValue("$message", (long)messageId);
        command.ExecuteNonQuery();
    }

    public IReadOnlyList<PinIntent> PendingIntents()
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT message_id, action, guild_id, channel_id, answer_id, question, passages, pinned_by, pinned_by_name FROM pin_intents";
        using var reader = command.ExecuteReader();
        var intents = new List<PinIntent>();
        while (reader.Read())
        {
            intents.Add(new PinIntent(
                (ulong)reader.GetInt64(0), reader.GetString(1), (ulong)reader.GetInt64(2), (ulong)reader.GetInt64(3), reader.GetInt64(4),
                reader.GetString(5), Passages(reader.GetString(6)), (ulong)reader.GetInt64(7), reader.GetString(8)));
        }
        return intents;
    }

    public StoredPin? Find(ulong messageId) =>
        Query("SELECT message_id, guild_id, channel_id, answer_id, question, passages, pinned_by, pinned_by_name, pinned_utc FROM pins WHERE message_id = $key", (long)messageId)
            .FirstOrDefault();

    /// <summary>A server's pins, newest first.</summary>
    public IReadOnlyList<StoredPin> ForGuild(ulong guildId) =>
        Query("SELECT message_id, guild_id, channel_id, answer_id, question, passages, pinned_by, pinned_by_name, pinned_utc FROM pins WHERE guild_id = $key ORDER BY pinned_utc DESC", (long)guildId);

    private List<StoredPin> Query(string sql, long key)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$key", key);
        using var reader = command.ExecuteReader();
        var pins = new List<StoredPin>();
        while (reader.Read())
            pins.Add(Read(reader));
        return pins;
    }

    private static StoredPin Read(SqliteDataReader reader) => new(
        (ulong)reader.GetInt64(0), (ulong)reader.GetInt64(1), (ulong)reader.GetInt64(2), reader.GetInt64(3), reader.GetString(4),
        Passages(reader.GetString(5)), (ulong)reader.GetInt64(6), reader.GetString(7), DateTimeOffset.Parse(reader.GetString(8), System.Globalization.CultureInfo.InvariantCulture));

    private static IReadOnlyList<PinnedPassage> Passages(string json) =>
        JsonSerializer.Deserialize(json, PinJson.Default.IReadOnlyListPinnedPassage) ?? [];
}

/// <param name="Action"><see cref="PinStore.Pin"/> or <see cref="PinStore.Unpin"/>.</param>
internal sealed record PinIntent(
    ulong MessageId, string Action, ulong GuildId, ulong ChannelId, long AnswerId, string Question,
    IReadOnlyList<PinnedPassage> Passages, ulong PinnedBy, string PinnedByName);

internal sealed record StoredPin(
    ulong MessageId, ulong GuildId, ulong ChannelId, long AnswerId, string Question,
    IReadOnlyList<PinnedPassage> Passages, ulong PinnedBy, string PinnedByName, DateTimeOffset PinnedAt);

/// <summary>A passage as it was shown in the pinned answer.</summary>
internal sealed record PinnedPassage(
    [property: JsonPropertyName("source")] string Source,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("url")] string? Url,
    [property: JsonPropertyName("locator")] string Locator,
    [property: JsonPropertyName("text")] string Text);

[JsonSerializable(typeof(IReadOnlyList<PinnedPassage>))]
internal sealed partial class PinJson : JsonSerializerContext;
