using Bot.Answers;
using Bot.Search.Analysis;
using Bot.Storage;

namespace Bot.Gaps;

/// <summary>Questions asked in other words, counted together (<see cref="SimilarQuestions"/>).</summary>
internal static class QuestionGroups
{
    /// <summary>
    /// Groups <paramref name="questions"/> (newest first): a question joins the first group holding a question like it, so
    /// that "红烧肉怎么做", "好吃的红烧肉怎么做" and "红烧肉怎么做才好吃" end up together though the first and last differ
    /// more. Each group is named by its newest question; the most asked come first. Questions with nothing to search in
    /// them (only emoji or punctuation) are left out: no transcript could answer them.
    /// </summary>
    public static IReadOnlyList<QuestionGroup> Of(IEnumerable<LoggedQuestion> questions)
    {
        var groups = new List<Group>();
        // Only groups sharing a term with a question can hold one like it: looking there keeps a month of questions quick.
        var groupsByTerm = new Dictionary<string, List<Group>>(StringComparer.Ordinal);
        foreach (var question in questions)
        {
            var terms = QuestionSimilarity.Terms(question.Question);
            if (terms.Count == 0)
                continue;
            var group = terms
                .SelectMany(term => groupsByTerm.GetValueOrDefault(term) ?? [])
                .Distinct()
                .OrderBy(g => g.Number)
                .FirstOrDefault(g => g.Holds(terms));
            if (group is null)
            {
                group = new Group(groups.Count, question);
                groups.Add(group);
            }
            group.Count++;
            if (group.Add(terms))
            {
                foreach (var term in terms)
                {
                    var holding = groupsByTerm.TryGetValue(term, out var list) ? list : groupsByTerm[term] = [];
                    if (!holding.Contains(group))
                        holding.Add(group);
                }
            }
        }
        return groups
            .OrderByDescending(g => g.Count)
            .ThenByDescending(g => g.Newest.AskedAt)
            .Select(g => new QuestionGroup(g.Newest.Question, g.Count, g.Newest.AskedAt))
            .ToList();
    }

    private sealed class Group(int number, LoggedQuestion newest)
    {
        private readonly List<IReadOnlySet<string>> wordings = [];
        private readonly HashSet<string> seen = new(StringComparer.Ordinal);

        public int Number { get; } = number;

        public LoggedQuestion Newest { get; } = newest;

        public int Count { get; set; }

        public bool Holds(IReadOnlySet<string> terms) => wordings.Any(wording => SimilarQuestions.Alike(wording, terms));

        /// <summary>Adds a wording; false when the group has it already (the same question asked again).</summary>
        public bool Add(IReadOnlySet<string> terms)
        {
            if (!seen.Add(string.Join('\u0001', terms.Order(StringComparer.Ordinal))))
                return false;
            wordings.Add(terms);
            return true;
        }
    }
}

/// <param name="Example">The newest question of the group, as it was asked.</param>
internal sealed record QuestionGroup(string Example, int Count, DateTimeOffset LastAsked);
