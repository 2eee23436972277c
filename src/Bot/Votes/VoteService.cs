using Bot.Answers;
using Bot.Discord.Interactions;
using Bot.Interactions;
using Bot.Localization;
using Bot.Metrics;
using Bot.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Bot.Votes;

/// <summary>What the vote buttons say, and what a member who clicked one is told.</summary>
internal static class VoteLabels
{
    public static string Up => Strings.Helpful;
    public static string Down => Strings.NotHelpful;
    public static string Withdrawn => Strings.VoteWithdrawn;
    public static string CouldNotRecord => Strings.VoteNotRecorded;

    public static string Recorded(Vote vote) => string.Format(Strings.VoteRecorded, vote == Vote.Up ? Up : Down);
}

/// <summary>
/// A member's 👍 or 👎 on an answer: recorded, changed to the other, or withdrawn by a second click on the same one; the
/// member alone is told which. An answer's 👎 take effect on later questions at once (<see cref="DownvotedPassages"/>).
/// </summary>
internal sealed class VoteService(VoteStore votes, DownvotedPassages downvoted, InteractionResponder responder, BotMetrics metrics, ILogger<VoteService> logger)
{
    /// <param name="answer">Checked already to be the answer the clicked message shows, in this server.</param>
    public async Task VoteAsync(Interaction interaction, StoredAnswer answer, Vote vote, CancellationToken cancellationToken)
    {
        if (interaction.InvokingUser is not { Id: > 0 } member)
        {
            await responder.TellAsync(interaction, Strings.UnknownVoter, cancellationToken).ConfigureAwait(false);
            return;
        }
        await responder.ReplyAsync(interaction, () => ReplyMessage.Text(Record(answer, member.Id, vote)), ephemeral: true, update: false, cancellationToken)
            .ConfigureAwait(false);
    }

    private string Record(StoredAnswer answer, ulong memberId, Vote vote)
    {
        Vote? now;
        try
        {
            now = votes.Toggle(answer.Id, memberId, vote);
        }
        catch (SqliteException e)
        {
            // A locked database or a full disk: the transaction was rolled back, the member's vote is as it was.
            logger.LogWarning("Could not record a vote on answer {Answer}: {Reason}", answer.Id, e.Message);
            return VoteLabels.CouldNotRecord;
        }
        if (answer.GuildId is { } guild)
            downvoted.Invalidate(guild);
        logger.LogInformation("Vote on answer {Answer}: {Vote}", answer.Id, now?.ToString() ?? "withdrawn");
        metrics.Vote(now switch { Vote.Up => "up", Vote.Down => "down", _ => "withdrawn" });
        return now is { } given ? VoteLabels.Recorded(given) : VoteLabels.Withdrawn;
    }
}
