using System.Collections.Concurrent;
using Bot.Search.Analysis;
using Bot.Storage;

namespace Bot.Pins;

/// <summary>
/// Finds the moderators' pinned answer for a new question: the pin of the same server whose question is
/// closest, if it is close enough. A server's pins are read and their questions analysed once, and dropped from
/// memory when they change: each new question is analysed once, however many pins the server has.
/// </summary>
internal sealed class PinnedAnswers(PinStore store)
{
    /// <summary>How alike (Dice over analysed terms) a question must be to a pinned one to get its answer first.</summary>
    public const double Threshold = 0.6;

    private readonly ConcurrentDictionary<ulong, IReadOnlyList<(StoredPin Pin, IReadOnlySet<string> Terms)>> byGuild = new();

    public StoredPin? Match(ulong guildId, string question)
    {
        var pins = byGuild.GetOrAdd(guildId, Load);
        if (pins.Count == 0)
            return null;
        var terms = QuestionSimilarity.Terms(question);
        StoredPin? best = null;
        var bestScore = Threshold;
        foreach (var (pin, pinTerms) in pins)
        {
            var score = QuestionSimilarity.Of(terms, pinTerms);
            if (score >= bestScore)
                (best, bestScore) = (pin, score);
        }
        return best;
    }

    public void Invalidate(ulong guildId) => byGuild.TryRemove(guildId, out _);

    private IReadOnlyList<(StoredPin, IReadOnlySet<string>)> Load(ulong guildId) =>
        store.ForGuild(guildId).Select(pin => (pin, QuestionSimilarity.Terms(pin.Question))).ToList();
}
