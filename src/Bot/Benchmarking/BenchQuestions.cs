namespace Bot.Benchmarking;

internal static class BenchQuestions
{
    /// <summary>
    /// The questions of every file, each once: one question a line, or a line of the eval format (id, question,
    /// golds) gives its question. Blank lines and '#' comments are skipped, as the eval sets skip them.
    /// </summary>
    public static IReadOnlyList<string> Load(IEnumerable<string> paths)
    {
        var questions = paths
            .SelectMany(File.ReadLines)
            .Where(line => !string.IsNullOrWhiteSpace(line) && !line.StartsWith('#'))
            .Select(line => (line.Split('\t') is { Length: >= 3 } fields ? fields[1] : line).Trim())
            .Where(question => question.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return questions.Count > 0 ? questions : throw new Cli.UsageException("问题文件里没有问题");
    }
}
