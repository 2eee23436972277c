using System.Text;
using Microsoft.Extensions.Logging;

namespace Bot.Search.Tests.Support;

/// <summary>
/// A corpus folder and an index of a test's own, under the temp folder, removed when the test ends.
/// </summary>
internal sealed class TempCorpus : IDisposable
{
    private readonly List<SearchIndex> opened = [];

    public TempCorpus(bool withSeeds = false)
    {
        Root = Path.Combine(Path.GetTempPath(), "bot-search-tests", Guid.NewGuid().ToString("N"));
        CorpusPath = Path.Combine(Root, "corpus");
        IndexPath = Path.Combine(Root, "data", "bot.db");
        Directory.CreateDirectory(CorpusPath);
        if (withSeeds)
            CopySeeds();
    }

    public string Root { get; }

    public string CorpusPath { get; }

    public string IndexPath { get; }

    public ListLogger Log { get; } = new();

    public void CopySeeds()
    {
        foreach (var seed in Repo.SeedFiles())
            File.Copy(seed, Path.Combine(CorpusPath, Path.GetFileName(seed)));
    }

    public string Write(string name, string text) => WriteBytes(name, new UTF8Encoding(false).GetBytes(text));

    public string WriteBytes(string name, byte[] bytes)
    {
        var path = Path.Combine(CorpusPath, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    public string Read(string name) => File.ReadAllText(Path.Combine(CorpusPath, name));

    public void Delete(string name) => File.Delete(Path.Combine(CorpusPath, name));

    public SearchIndexOptions Options => new() { CorpusPath = CorpusPath, IndexPath = IndexPath };

    /// <summary>Opens a SearchIndex (closed with this corpus) without reading the corpus.</summary>
    public SearchIndex Open(SearchIndexOptions? options = null)
    {
        var index = SearchIndex.Open(options ?? Options, Log);
        opened.Add(index);
        return index;
    }

    /// <summary>Opens the index and brings it in line with the corpus.</summary>
    public SearchIndex OpenUpdated(SearchIndexOptions? options = null)
    {
        var index = Open(options);
        index.Update();
        return index;
    }

    public void Dispose()
    {
        foreach (var index in opened)
            index.Dispose();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a crashed test: the temp folder is cleaned by the system.
        }
    }
}

/// <summary>Keeps what the library logs, so that tests can check what an operator would read.</summary>
internal sealed class ListLogger : ILogger
{
    private readonly List<(LogLevel Level, string Message)> entries = [];

    public IReadOnlyList<(LogLevel Level, string Message)> Entries
    {
        get
        {
            lock (entries)
                return entries.ToList();
        }
    }

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (entries)
            entries.Add((logLevel, formatter(state, exception)));
    }
}
