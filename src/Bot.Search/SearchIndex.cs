using Bot.Search.Corpus;
using Bot.Search.Index;
using Bot.Search.Ranking;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Bot.Search;

/// <summary>
/// The searchable corpus: an index file kept in line with the corpus folder, and the snapshot in memory
/// that questions are answered from. Updates build a new snapshot and swap it in whole, so questions keep
/// using the previous one until the new one is ready.
/// </summary>
public sealed class SearchIndex : ISearchIndex, IDisposable
{
    private readonly IndexStore store;
    private readonly CorpusIndexer indexer;
    private readonly Ranker ranker;
    private readonly Lock storeLock = new();
    private volatile IndexSnapshot snapshot;

    private SearchIndex(SearchIndexOptions options, IndexStore store, ILogger logger, RankingParameters parameters)
    {
        Options = options;
        this.store = store;
        indexer = new CorpusIndexer(store, new TranscriptParser(options.Passages), options.MaxFileMegabytes * 1024L * 1024L, logger);
        ranker = new Ranker(parameters);
        snapshot = store.IsCurrentFormat ? store.Load() : IndexSnapshot.Empty;
    }

    public SearchIndexOptions Options { get; }

    /// <summary>Opens (or creates) the index file and loads what it holds; the corpus folder is not read.</summary>
    public static SearchIndex Open(SearchIndexOptions options, ILogger? logger = null) =>
        Open(options, logger, RankingParameters.Default);

    internal static SearchIndex Open(SearchIndexOptions options, ILogger? logger, RankingParameters parameters)
    {
        var store = IndexStore.Open(options.IndexPath);
        try
        {
            return new SearchIndex(options, store, logger ?? NullLogger.Instance, parameters);
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    public IReadOnlyList<DocumentInfo> Documents =>
        snapshot.Documents.Select(d => new DocumentInfo(d.Source, d.Title, d.Url, d.PassageCount)).ToList();

    public int PassageCount => snapshot.Passages.Length;

    public SearchResponse Search(string question, SearchOptions? options = null) =>
        ranker.Search(snapshot, question ?? "", Sanitize(options ?? SearchOptions.Default));

    /// <summary>Brings the index in line with the corpus folder and swaps in the result.</summary>
    public IndexReport Update(bool rebuild = false, CancellationToken cancellationToken = default) =>
        Update(rebuild, beforeCommit: null, cancellationToken);

    internal IndexReport Update(bool rebuild, Action? beforeCommit, CancellationToken cancellationToken = default)
    {
        lock (storeLock)
        {
            var (report, change) = indexer.Sync(Options.CorpusPath, rebuild, beforeCommit, cancellationToken);
            if (change is null)
            {
                if (store.Generation != snapshot.Generation)
                    snapshot = store.Load();
            }
            else if (change.Rebuilt)
            {
                snapshot = IndexSnapshot.Empty.With(change);
            }
            else
            {
                // Another process (another shard) wrote in between: only the store has the whole picture.
                snapshot = change.PreviousGeneration == snapshot.Generation ? snapshot.With(change) : store.Load();
            }
            return report;
        }
    }

    /// <summary>Loads the index again when another process (another shard) has changed it.</summary>
    public bool ReloadIfChanged()
    {
        lock (storeLock)
        {
            if (store.Generation == snapshot.Generation)
                return false;
            snapshot = store.Load();
            return true;
        }
    }

    /// <summary>Test seam for a full disk; see <see cref="IndexStore.LimitPages"/>.</summary>
    internal void LimitPages(long? extraPages)
    {
        lock (storeLock)
            store.LimitPages(extraPages);
    }

    public void Dispose()
    {
        lock (storeLock)
            store.Dispose();
    }

    private static SearchOptions Sanitize(SearchOptions options) => options with
    {
        Limit = Math.Clamp(options.Limit, 1, 50),
        Offset = Math.Clamp(options.Offset, 0, 1000),
    };
}
