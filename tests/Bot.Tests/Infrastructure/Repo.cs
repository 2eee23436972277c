namespace Bot.Tests.Infrastructure;

/// <summary>The repository the tests run in: found by walking up from the test binaries to Bot.sln.</summary>
internal static class Repo
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    public static string Root => LazyRoot.Value;

    public static string Seeds => Path.Combine(Root, "seeds");

    /// <summary>The seed transcripts, by file name.</summary>
    public static IReadOnlyList<string> SeedFiles =>
        Directory.GetFiles(Seeds).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToArray();

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
