using Microsoft.Data.Sqlite;

namespace Bot.Storage;

/// <summary>A member's verdict on an answer.</summary>
internal enum Vote
{
    Down = -1,
    Up = 1,
}

/// <summary>
/// Members' 👍 and 👎 on answers, one per member per answer: the member's id is kept for that alone, and never shown.
/// Each click is one transaction, so a full disk or a locked database leaves the vote as it was.
/// </summary>
internal sealed class VoteStore(BotDatabase database, TimeProvider time)
{
    /// <summary>How long a vote waits for another writer before the member is told to try again: the click must be answered.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(1);

    /// <summary>
    /// A click on <paramref name="vote"/>: records it, changes the member's other vote to it, or withdraws it when the
    /// member had given it already. The member's vote afterwards, null when withdrawn. Throws SqliteException when the
    /// database cannot take it (then nothing changed).
    /// </summary>
    public Vote? Toggle(long answerId, ulong memberId, Vote vote)
    {
        using var connection = database.Open(Patience);
        using var transaction = connection.BeginTransaction();
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.Parameters.AddWithValue("$answer", answerId);
        command.Parameters.AddWithValue("$member", (long)memberId);
        command.Parameters.AddWithValue("$value", (long)vote);
        command.Parameters.AddWithValue("$now", time.GetUtcNow().ToString("O"));
        command.CommandText = "SELECT value FROM votes WHERE answer_id = $answer AND member_id = $member";
        var withdrawn = command.ExecuteScalar() is long given && given == (long)vote;
        command.CommandText = withdrawn
            ? "DELETE FROM votes WHERE answer_id = $answer AND member_id = $member"
            : """
              INSERT INTO votes(answer_id, member_id, value, voted_utc) VALUES ($answer, $member, $value, $now)
              ON CONFLICT(answer_id, member_id) DO UPDATE SET value = excluded.value, voted_utc = excluded.voted_utc
              """;
        command.ExecuteNonQuery();
        transaction.Commit();
        return withdrawn ? null : vote;
    }

    /// <summary>A server's answers with at least <paramref name="minDown"/> 👎 given since <paramref name="since"/>, most 👎 first.</summary>
    public IReadOnlyList<VoteTally> DownvotedIn(ulong guildId, int minDown, DateTimeOffset since) =>
        Downvoted("answers.guild_id = $guild", minDown, since, guildId);

    /// <summary>Every answer with a 👎 given since <paramref name="since"/>, in servers and direct messages, most 👎 first.</summary>
    public IReadOnlyList<VoteTally> Downvoted(DateTimeOffset since) => Downvoted("1", 1, since, null);

    private List<VoteTally> Downvoted(string where, int minDown, DateTimeOffset since, ulong? guildId)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        // CROSS JOIN keeps votes the outer loop: answers has a row for every question answered, votes only for the few rated.
        command.CommandText = $"""
            SELECT {AnswerStore.Columns}, sum(votes.value = -1) AS down, sum(votes.value = 1) AS up
            FROM votes CROSS JOIN answers ON answers.id = votes.answer_id
            WHERE votes.voted_utc >= $since AND {where}
            GROUP BY answers.id HAVING down >= $min
            ORDER BY down DESC, up ASC, answers.id DESC
            """;
        command.Parameters.AddWithValue("$since", since.ToUniversalTime().ToString("O"));
        command.Parameters.AddWithValue("$min", minDown);
        command.Parameters.AddWithValue("$guild", guildId is { } g ? (long)g : DBNull.Value);
        using var reader = command.ExecuteReader();
        var tallies = new List<VoteTally>();
        while (reader.Read())
            tallies.Add(new VoteTally(AnswerStore.Read(reader), reader.GetInt32(8), reader.GetInt32(9)));
        return tallies;
    }
}

/// <summary>An answer and the votes it has, without who gave them.</summary>
internal sealed record VoteTally(StoredAnswer Answer, int Down, int Up);
