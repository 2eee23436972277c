using Bot.Storage;

namespace Bot.Gaps;

/// <summary>
/// What the transcripts could not answer and which answers members found wrong, over the last days: for a server
/// (<c>/gaps</c>) or for every server and direct messages (<c>report</c>).
/// </summary>
internal sealed class GapFinder(QuestionLog questions, VoteStore votes, TimeProvider time)
{
    public ServerGaps ForGuild(ulong guildId, int days)
    {
        var since = Since(days);
        return Summarize(guildId, questions.AskedIn(guildId, since), votes.DownvotedIn(guildId, 1, since));
    }

    /// <summary>Every server with questions or 👎 in the window, by id; direct messages (no server) last.</summary>
    public GapReport ForAll(int days)
    {
        var since = Since(days);
        var asked = questions.Asked(since).ToLookup(q => q.GuildId);
        var downvoted = votes.Downvoted(since).ToLookup(t => t.Answer.GuildId);
        var servers = asked.Select(g => g.Key).Union(downvoted.Select(g => g.Key))
            .OrderBy(guild => guild is null)
            .ThenBy(guild => guild)
            .Select(guild => Summarize(guild, asked[guild].ToList(), downvoted[guild].ToList()))
            .ToList();
        return new GapReport(days, since, servers);
    }

    private DateTimeOffset Since(int days) => time.GetUtcNow() - TimeSpan.FromDays(days);

    private static ServerGaps Summarize(ulong? guildId, IReadOnlyList<LoggedQuestion> asked, IReadOnlyList<VoteTally> downvoted)
    {
        var unanswered = asked.Where(q => q.Unanswered).ToList();
        return new ServerGaps(guildId, asked.Count, unanswered.Count, QuestionGroups.Of(unanswered), downvoted);
    }
}

internal sealed record GapReport(int Days, DateTimeOffset Since, IReadOnlyList<ServerGaps> Servers);

/// <param name="GuildId">Null for direct messages with the bot.</param>
/// <param name="Asked">Questions asked in the window.</param>
/// <param name="Unanswered">Of those, the ones the bot found nothing for.</param>
/// <param name="UnansweredGroups">Those grouped by meaning, most asked first.</param>
/// <param name="Downvoted">Answers with at least one 👎 in the window, most 👎 first.</param>
internal sealed record ServerGaps(ulong? GuildId, int Asked, int Unanswered, IReadOnlyList<QuestionGroup> UnansweredGroups, IReadOnlyList<VoteTally> Downvoted);
