namespace Bot.Benchmarking;

internal static class BenchQuestions
{
    /// <summary>One question per line; a line of the eval format (id, question, golds) gives its question.</summary>
    public static IReadOnlyList<string> Load(string path)
    {
        var questions = File.ReadLines(path)
            .Select(line => line.Split('\t') is { Length: >= 3 } fields ? fields[1] : line)
            .Where(line => !string.IsNullOrWhiteSpace(line))
            .ToList();
        return questions.Count > 0 ? questions : throw new Cli.UsageException($"问题文件是空的：{path}");
    }
}
