using System.Collections.Concurrent;
using Bot.Search.Analysis;
using Bot.Storage;

namespace Bot.Pins;

/// <summary>
/// Finds the moderators' pinned answer for a new question: the pin of the same server whose question is
/// closest, if it is close enough. A server's pins are read once and dropped from memory when they change.
/// </summary>
internal sealed class PinnedAnswers(PinStore store)
{
    /// <summary>How alike (Dice over analysed terms) a question must be to a pinned one to get its answer first.</summary>
    public const double Threshold = 0.6;

    private readonly ConcurrentDictionary<ulong, IReadOnlyList<StoredPin>> byGuild = new();

    public StoredPin? Match(ulong guildId, string question)
    {
        var pins = byGuild.GetOrAdd(guildId, store.ForGuild);
        StoredPin? best = null;
        var bestScore = Threshold;
        foreach (var pin in pins)
        {
            var score = QuestionSimilarity.Of(question, pin.Question);
            if (score >= bestScore)
                (best, bestScore) = (pin, score);
        }
        return best;
    }

    public void Invalidate(ulong guildId) => byGuild.TryRemove(guildId, out _);
}
