namespace Bot.Benchmarks;

/// <summary>The repository's seeds and evaluation questions, found from wherever the benchmark runs.</summary>
internal static class Seeds
{
    public static string Root { get; } = FindRoot();

    public static string Folder => Path.Combine(Root, "seeds");

    public static IReadOnlyList<string> Questions { get; } =
        File.ReadLines(Path.Combine(Root, "tests", "eval", "questions.txt")).Where(l => l.Length > 0).ToList();

    private static string FindRoot()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "Bot.sln")))
                    return dir.FullName;
        }
        throw new DirectoryNotFoundException("Run the benchmarks from inside the repository (Bot.sln not found).");
    }
}
