using System.Collections.Concurrent;
using Bot.Search.Analysis;

namespace Bot.Answers;

/// <summary>When two questions ask the same thing, for pins, votes and <c>/gaps</c> alike.</summary>
internal static class SimilarQuestions
{
    /// <summary>How alike (Dice over analysed terms, <see cref="QuestionSimilarity"/>) two questions must be.</summary>
    public const double Threshold = 0.6;

    public static bool Alike(IReadOnlySet<string> x, IReadOnlySet<string> y) => QuestionSimilarity.Of(x, y) >= Threshold;

    /// <summary>A question's terms, analysed only if something is compared with it.</summary>
    public static Lazy<IReadOnlySet<string>> TermsOf(string question) => new(() => QuestionSimilarity.Terms(question));
}

/// <summary>
/// Stored items of each server (pins, downvoted answers) with the analysed terms of their questions: a server's items are
/// read and analysed once, and dropped from memory when they change (<see cref="Invalidate"/>).
/// </summary>
internal sealed class ServerQuestions<T>(Func<ulong, IEnumerable<T>> load, Func<T, string> questionOf)
{
    private readonly ConcurrentDictionary<ulong, IReadOnlyList<(T Item, IReadOnlySet<string> Terms)>> byGuild = new();

    /// <summary>The server's items whose question is like <paramref name="question"/>, the most alike first.</summary>
    public IReadOnlyList<T> Matching(ulong guildId, Lazy<IReadOnlySet<string>> question)
    {
        var items = byGuild.GetOrAdd(guildId, guild => load(guild).Select(item => (item, QuestionSimilarity.Terms(questionOf(item)))).ToList());
        if (items.Count == 0)
            return [];
        return items
            .Select(entry => (entry.Item, Score: QuestionSimilarity.Of(question.Value, entry.Terms)))
            .Where(match => match.Score >= SimilarQuestions.Threshold)
            .OrderByDescending(match => match.Score)
            .Select(match => match.Item)
            .ToList();
    }

    public void Invalidate(ulong guildId) => byGuild.TryRemove(guildId, out _);
}
