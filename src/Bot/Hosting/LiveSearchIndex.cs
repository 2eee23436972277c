using Bot.Metrics;
using Bot.Search;
using Bot.Search.Index;
using Bot.Search.Ranking;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Bot.Hosting;

/// <summary>
/// The index as the running bot sees it: opened at start from the index file (answers at once), brought in
/// line with the corpus folder in the background, and updated whenever a transcript is added, changed or
/// removed. Questions keep using the previous snapshot until the new one is ready.
/// </summary>
internal sealed class LiveSearchIndex : BackgroundService, ISearchIndex
{
    /// <summary>Changes usually come as a burst of file events; wait for it to settle before indexing.</summary>
    private static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(400);

    /// <summary>File events can be missed (network shares, editors that rename); look anyway now and then.</summary>
    private static readonly TimeSpan Sweep = TimeSpan.FromSeconds(30);

    /// <summary>
    /// After a failed update (the disk full) or one another process (shard) was making, try again this soon, then twice
    /// as late up to the sweep.
    /// </summary>
    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(2);

    private readonly SearchIndex index;
    private readonly ILogger<LiveSearchIndex> logger;
    private readonly SemaphoreSlim changed = new(0, 1);
    private readonly BotMetrics? metrics;
    private bool folderMissing;

    public LiveSearchIndex(SearchIndexOptions options, ILogger<LiveSearchIndex> logger, BotMetrics? metrics = null)
    {
        this.logger = logger;
        this.metrics = metrics;
        index = SearchIndex.Open(options, logger);
        metrics?.ObserveIndex(() => index.Documents.Count, () => index.PassageCount);
    }

    public IReadOnlyList<DocumentInfo> Documents => index.Documents;

    public int PassageCount => index.PassageCount;

    /// <summary>The index itself, for tests that reach into its store (a full disk).</summary>
    internal SearchIndex Inner => index;

    public SearchResponse Search(string question, SearchOptions? options = null) => index.Search(question, options);

    /// <summary>Completes when the first sync with the corpus folder has finished.</summary>
    public Task Ready => ready.Task;

    private readonly TaskCompletionSource ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        FileSystemWatcher? watcher = null;
        var retry = FirstRetry;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                // A failed update is not left to the next file event or sweep: nothing else may come to retry it.
                var there = CorpusFolderThere();
                if (!there)
                {
                    // Watching a folder that is gone sees nothing, not even its return: a new watcher when it is back.
                    watcher?.Dispose();
                    watcher = null;
                }
                var wait = !there ? Sweep : Update() ? Sweep : retry;
                if (there)
                    watcher ??= Watch(index.Options.CorpusPath);
                retry = wait == Sweep ? FirstRetry : TimeSpan.FromTicks(Math.Min(retry.Ticks * 2, Sweep.Ticks));
                ready.TrySetResult();
                try
                {
                    await changed.WaitAsync(wait, stoppingToken).ConfigureAwait(false);
                    await Task.Delay(Settle, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }
        finally
        {
            watcher?.Dispose();
        }
    }

    public override void Dispose()
    {
        base.Dispose();
        index.Dispose();
        changed.Dispose();
    }

    /// <summary>
    /// Whether the corpus folder is there. One that disappears is said once (not at every retry), and the bot keeps answering
    /// from the last index until it is back: an update now would only fail, or find no transcripts.
    /// </summary>
    private bool CorpusFolderThere()
    {
        var there = Directory.Exists(index.Options.CorpusPath);
        if (there == !folderMissing)
            return there;
        folderMissing = !there;
        if (there)
            logger.LogInformation("The corpus folder {Folder} is back; updating the index from it", Path.GetFullPath(index.Options.CorpusPath));
        else
            logger.LogWarning("The corpus folder {Folder} has disappeared; still answering from the last index ({Files} files) until it is back (Corpus:Path)",
                Path.GetFullPath(index.Options.CorpusPath), index.Documents.Count);
        return there;
    }

    /// <summary>False when the update failed and should be tried again soon.</summary>
    private bool Update()
    {
        try
        {
            var report = index.Update();
            if (report.Locked)
                return false;
            if (report.HasChanges)
            {
                metrics?.IndexUpdated(report.Elapsed);
                logger.LogInformation("Index updated: {Added} added, {Changed} changed, {Removed} removed, {Passages} passages written in {ElapsedMs} ms",
                    report.Added.Count, report.Changed.Count, report.Removed.Count, report.Passages, (long)report.Elapsed.TotalMilliseconds);
            }
            else
            {
                index.ReloadIfChanged();
            }
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or Bot.Search.Index.IndexingException)
        {
            // The previous commit keeps answering; the update is tried again shortly.
            logger.LogWarning("Could not update the index, still answering from the previous one: {Reason}", e.Message);
            return false;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A bug, not the disk: said loudly, but the bot keeps answering from the previous index and tries again.
            logger.LogError(e, "Updating the index failed unexpectedly; still answering from the previous one");
            return false;
        }
    }

    private FileSystemWatcher? Watch(string folder)
    {
        if (!Directory.Exists(folder))
            return null;
        var watcher = new FileSystemWatcher(folder) { IncludeSubdirectories = true, NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.DirectoryName };
        FileSystemEventHandler signal = (_, _) => Signal();
        watcher.Created += signal;
        watcher.Changed += signal;
        watcher.Deleted += signal;
        watcher.Renamed += (_, _) => Signal();
        watcher.Error += (_, e) => logger.LogWarning("Watching the corpus folder failed ({Reason}); changes are still picked up every {Seconds} s", e.GetException().Message, (int)Sweep.TotalSeconds);
        watcher.EnableRaisingEvents = true;
        return watcher;
    }

    private void Signal()
    {
        try
        {
            changed.Release();
        }
        catch (SemaphoreFullException)
        {
            // A change is already waiting to be indexed.
        }
    }
}
