namespace Bot.Search.Analysis;

/// <summary>
/// How alike two questions are in what they ask: the overlap of their analysed terms (words and bigrams,
/// question words left out), so that "为什么 Schulman 离开 OpenAI" and "Schulman 离开 OpenAI 的原因" come out close.
/// </summary>
public static class QuestionSimilarity
{
    /// <summary>Between 0 and 1: the Dice coefficient of two questions' <see cref="Terms"/>.</summary>
    public static double Of(IReadOnlySet<string> x, IReadOnlySet<string> y)
    {
        if (x.Count == 0 || y.Count == 0)
            return 0;
        var shared = x.Count(y.Contains);
        return 2.0 * shared / (x.Count + y.Count);
    }

    /// <summary>What a question is compared by: its content words and bigrams, without the backoff characters.</summary>
    public static IReadOnlySet<string> Terms(string question) =>
        QueryAnalyzer.Analyze(question).Terms.ToHashSet(StringComparer.Ordinal);
}
