using Bot.Answers;
using Bot.Storage;

namespace Bot.Votes;

/// <summary>
/// Passages members found wrong: the first passage of each answer in a server that <see cref="MinDownvotes"/> or more
/// members gave a 👎. For questions like that answer's, in the same server, the passage goes below the other results.
/// </summary>
internal sealed class DownvotedPassages(VoteStore votes)
{
    public const int MinDownvotes = 2;

    private readonly ServerQuestions<VoteTally> answers = new(
        guild => votes.DownvotedIn(guild, MinDownvotes, DateTimeOffset.MinValue).Where(t => t.Answer.FirstPassage is not null),
        tally => tally.Answer.Question);

    /// <summary>The server's downvoted answers to questions like <paramref name="question"/>; each has a first passage.</summary>
    public IReadOnlyList<VoteTally> Matching(ulong guildId, Lazy<IReadOnlySet<string>> question) => answers.Matching(guildId, question);

    public void Invalidate(ulong guildId) => answers.Invalidate(guildId);
}
