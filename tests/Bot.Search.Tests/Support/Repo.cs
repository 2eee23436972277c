namespace Bot.Search.Tests.Support;

/// <summary>Where the repository's own test data lives: found by walking up from the test binaries to Bot.sln.</summary>
internal static class Repo
{
    private static readonly Lazy<string> RootPath = new(FindRoot);

    public static string Root => RootPath.Value;

    public static string SeedsPath => Path.Combine(Root, "seeds");

    public static string EvalFile(string name) => Path.Combine(Root, "tests", "eval", name);

    /// <summary>The seed transcripts, by file name, in order.</summary>
    public static IReadOnlyList<string> SeedFiles() =>
        Directory.GetFiles(SeedsPath).Where(f => Path.GetExtension(f) == ".txt").Order(StringComparer.Ordinal).ToList();

    /// <summary>The seed whose file name starts with <paramref name="prefix"/> ("000", "003").</summary>
    public static string Seed(string prefix) => SeedFiles().Single(f => Path.GetFileName(f).StartsWith(prefix, StringComparison.Ordinal));

    public static string SeedName(string prefix) => Path.GetFileName(Seed(prefix));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Bot.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException($"Bot.sln not found above {AppContext.BaseDirectory}; the tests run from inside the repository.");
    }
}
