using Bot.Answers;
using Bot.Search.Analysis;
using Bot.Storage;

namespace Bot.Gaps;

/// <summary>Questions asked in other words, counted together (<see cref="SimilarQuestions"/>).</summary>
internal static class QuestionGroups
{
    /// <summary>
    /// Groups <paramref name="questions"/> (newest first): each group is named by its newest question, most asked first.
    /// Questions with nothing to search in them (only emoji or punctuation) are left out: no transcript could answer them.
    /// </summary>
    public static IReadOnlyList<QuestionGroup> Of(IEnumerable<LoggedQuestion> questions)
    {
        var groups = new List<Group>();
        foreach (var question in questions)
        {
            var terms = QuestionSimilarity.Terms(question.Question);
            if (terms.Count == 0)
                continue;
            if (groups.Find(g => SimilarQuestions.Alike(g.Terms, terms)) is { } group)
                group.Count++;
            else
                groups.Add(new Group(terms, question));
        }
        return groups
            .OrderByDescending(g => g.Count)
            .ThenByDescending(g => g.Newest.AskedAt)
            .Select(g => new QuestionGroup(g.Newest.Question, g.Count, g.Newest.AskedAt))
            .ToList();
    }

    private sealed class Group(IReadOnlySet<string> terms, LoggedQuestion newest)
    {
        public IReadOnlySet<string> Terms { get; } = terms;

        public LoggedQuestion Newest { get; } = newest;

        public int Count { get; set; } = 1;
    }
}

/// <param name="Example">The newest question of the group, as it was asked.</param>
internal sealed record QuestionGroup(string Example, int Count, DateTimeOffset LastAsked);
