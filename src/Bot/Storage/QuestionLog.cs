using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Bot.Storage;

/// <summary>
/// Every question the bot answered or could not answer, for <c>/gaps</c> and <c>report</c>: where, what, when and how
/// well, never who asked. Rows older than <c>Bot:QuestionLogDays</c> are deleted (<see cref="DeleteOlderThan"/>).
/// </summary>
internal sealed class QuestionLog(BotDatabase database, QuickWriter writer, ILogger<QuestionLog> logger)
{
    /// <summary>Best effort, on the path of the reply like the answer itself: a question left out is logged, not fatal.</summary>
    public void Record(LoggedQuestion question)
    {
        try
        {
            writer.Write(connection =>
            {
                using var command = connection.CreateCommand();
                command.CommandText = """
                    INSERT INTO question_log(guild_id, channel_id, question, asked_utc, results, best_score, answer_id)
                    VALUES ($guild, $channel, $question, $asked, $results, $score, $answer)
                    """;
                command.Parameters.AddWithValue("$guild", question.GuildId is { } g ? (long)g : DBNull.Value);
                command.Parameters.AddWithValue("$channel", (long)question.ChannelId);
                command.Parameters.AddWithValue("$question", question.Question);
                command.Parameters.AddWithValue("$asked", Timestamp(question.AskedAt));
                command.Parameters.AddWithValue("$results", question.Results);
                command.Parameters.AddWithValue("$score", (object?)question.BestScore ?? DBNull.Value);
                command.Parameters.AddWithValue("$answer", (object?)question.AnswerId ?? DBNull.Value);
                return command.ExecuteNonQuery();
            });
        }
        catch (Exception e) when (e is SqliteException or TimeoutException)
        {
            logger.LogWarning("Could not log a question asked in channel {Channel}: {Reason}", question.ChannelId, e.Message);
        }
    }

    /// <summary>Deletes the questions asked before <paramref name="cutoff"/>; how many there were.</summary>
    public int DeleteOlderThan(DateTimeOffset cutoff)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM question_log WHERE asked_utc < $cutoff";
        command.Parameters.AddWithValue("$cutoff", Timestamp(cutoff));
        return command.ExecuteNonQuery();
    }

    /// <summary>A server's questions asked since <paramref name="since"/>, newest first.</summary>
    public IReadOnlyList<LoggedQuestion> AskedIn(ulong guildId, DateTimeOffset since) => Query("guild_id = $guild AND asked_utc >= $since", since, guildId);

    /// <summary>Every question asked since <paramref name="since"/>, in servers and direct messages, newest first.</summary>
    public IReadOnlyList<LoggedQuestion> Asked(DateTimeOffset since) => Query("asked_utc >= $since", since, null);

    private List<LoggedQuestion> Query(string where, DateTimeOffset since, ulong? guildId)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT guild_id, channel_id, question, asked_utc, results, best_score, answer_id FROM question_log
            WHERE {where} ORDER BY asked_utc DESC, id DESC
            """;
        command.Parameters.AddWithValue("$since", Timestamp(since));
        command.Parameters.AddWithValue("$guild", guildId is { } g ? (long)g : DBNull.Value);
        using var reader = command.ExecuteReader();
        var questions = new List<LoggedQuestion>();
        while (reader.Read())
        {
            questions.Add(new LoggedQuestion(
                reader.IsDBNull(0) ? null : (ulong)reader.GetInt64(0),
                (ulong)reader.GetInt64(1),
                reader.GetString(2),
                DateTimeOffset.Parse(reader.GetString(3), CultureInfo.InvariantCulture),
                reader.GetInt32(4),
                reader.IsDBNull(5) ? null : reader.GetDouble(5),
                reader.IsDBNull(6) ? null : reader.GetInt64(6)));
        }
        return questions;
    }

    /// <summary>Times are stored as round-trip UTC text, which sorts as time does.</summary>
    private static string Timestamp(DateTimeOffset time) => time.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);
}

/// <param name="Results">Passages shown (the pinned answer counts as one); 0 when the bot found nothing.</param>
/// <param name="BestScore">The search score of the best passage, when there was one.</param>
/// <param name="AnswerId">The stored answer, when it was shown with buttons.</param>
internal sealed record LoggedQuestion(ulong? GuildId, ulong ChannelId, string Question, DateTimeOffset AskedAt, int Results, double? BestScore, long? AnswerId)
{
    public bool Unanswered => Results == 0;
}
