using Bot.Search.Analysis;
using Bot.Search.Corpus;
using Bot.Search.Index;
using Bot.Search.Ranking;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Bot.Search;

/// <summary>
/// The searchable corpus: a Lucene index kept in line with the corpus folder. Updates commit once and questions keep
/// using the previous commit until the new one is open.
/// </summary>
public sealed class SearchIndex : ISearchIndex, IDisposable
{
    private readonly PassageIndex index;
    private readonly CorpusIndexer indexer;
    private readonly Ranker ranker;
    private readonly Lock updateLock = new();

    private SearchIndex(SearchIndexOptions options, PassageIndex index, ILogger logger, RankingParameters parameters)
    {
        Options = options;
        this.index = index;
        indexer = new CorpusIndexer(index, new TranscriptParser(options.Passages), options.MaxFileMegabytes * 1024L * 1024L, logger) { BeforeAnalysis = options.BeforeAnalysis };
        ranker = new Ranker(parameters);
    }

    public SearchIndexOptions Options { get; }

    /// <summary>The folder of the Lucene index (beside <see cref="SearchIndexOptions.IndexPath"/>).</summary>
    public string Folder => index.Folder;

    /// <summary>Opens (or creates) the index and what it holds; the corpus folder is not read.</summary>
    public static SearchIndex Open(SearchIndexOptions options, ILogger? logger = null) =>
        Open(options, logger, RankingParameters.Default);

    internal static SearchIndex Open(SearchIndexOptions options, ILogger? logger, RankingParameters parameters)
    {
        Warm();
        var index = PassageIndex.Open(options.IndexFolder, parameters, options.WrapDirectory);
        return new SearchIndex(options, index, logger ?? NullLogger.Instance, parameters);
    }

    /// <summary>
    /// Starts loading SmartCn's dictionaries and ICU's transform rules (a few hundred milliseconds each) on other
    /// threads, side by side: opening does not wait for them, and a first question waits only for what is left.
    /// </summary>
    private static void Warm()
    {
        _ = Task.Run(() => GeneralFrequency.Of("预热"));
        _ = Task.Run(TraditionalToSimplifiedCharFilter.Warm);
    }

    public IReadOnlyList<DocumentInfo> Documents => WithSearcher(s =>
        s is null ? [] : (IReadOnlyList<DocumentInfo>)s.Files.Select(d => new DocumentInfo(d.Source, d.Title, d.Url, d.PassageCount)).ToList());

    public int PassageCount => WithSearcher(s => s?.PassageCount ?? 0);

    public SearchResponse Search(string question, SearchOptions? options = null) =>
        WithSearcher(s => ranker.Search(s, question ?? "", Sanitize(options ?? SearchOptions.Default)));

    /// <summary>Brings the index in line with the corpus folder and opens the result for questions.</summary>
    public IndexReport Update(bool rebuild = false, CancellationToken cancellationToken = default) =>
        Update(rebuild, beforeCommit: null, cancellationToken);

    internal IndexReport Update(bool rebuild, Action? beforeCommit, CancellationToken cancellationToken = default)
    {
        lock (updateLock)
        {
            var stored = WithSearcher(s => s?.Files.ToDictionary(f => f.Source, f => f.Hash, StringComparer.Ordinal) ?? []);
            var (report, committed) = indexer.Sync(Options.CorpusPath, rebuild, stored, beforeCommit, cancellationToken);
            index.Refresh();
            return report;
        }
    }

    /// <summary>Opens the newest commit when another process (another shard) has written one.</summary>
    public bool ReloadIfChanged() => index.Refresh();

    public void Dispose()
    {
        lock (updateLock)
            index.Dispose();
    }

    private T WithSearcher<T>(Func<CorpusSearcher?, T> use)
    {
        var searcher = index.Acquire();
        try
        {
            return use(searcher);
        }
        finally
        {
            if (searcher is not null)
                index.Release(searcher);
        }
    }

    private static SearchOptions Sanitize(SearchOptions options) => options with
    {
        Limit = Math.Clamp(options.Limit, 1, 50),
        Offset = Math.Clamp(options.Offset, 0, 1000),
    };
}
