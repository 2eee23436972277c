using Bot.Answers;
using Bot.Storage;

namespace Bot.Pins;

/// <summary>
/// Finds the moderators' pinned answer for a new question: the pin of the same server whose question is closest, if it
/// is close enough (<see cref="SimilarQuestions.Threshold"/>).
/// </summary>
internal sealed class PinnedAnswers(PinStore store)
{
    private readonly ServerQuestions<StoredPin> pins = new(store.ForGuild, pin => pin.Question);

    public StoredPin? Match(ulong guildId, Lazy<IReadOnlySet<string>> question) => pins.Matching(guildId, question).FirstOrDefault();

    public void Invalidate(ulong guildId) => pins.Invalidate(guildId);
}
