using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.ExceptionServices;
using System.Security.Cryptography;
using Bot.Search.Corpus;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Microsoft.Extensions.Logging;

namespace Bot.Search.Index;

/// <summary>
/// Brings the index in line with the corpus folder: unchanged files (same content hash) are left alone, changed and
/// new ones are parsed and analysed on every core and written by one thread, removed ones deleted; all in one commit. A file that cannot be
/// read, decoded, parsed or analysed is skipped with the reason, and never stops the others.
/// </summary>
internal sealed class CorpusIndexer(PassageIndex index, TranscriptParser parser, long maxFileBytes, ILogger logger)
{
    /// <summary>Test seam: called with each file's name before its passages are analysed.</summary>
    internal Action<string>? BeforeAnalysis { get; init; }

    /// <param name="stored">The hashes of the commit questions are answered from: when nothing differs, no writer is opened.</param>
    /// <returns>What changed, and whether a commit was made.</returns>
    public (IndexReport Report, bool Committed) Sync(string corpusPath, bool rebuild, IReadOnlyDictionary<string, string> stored, Action? beforeCommit = null, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        if (!Directory.Exists(corpusPath))
            throw new DirectoryNotFoundException($"The corpus folder '{Path.GetFullPath(corpusPath)}' does not exist. Set Corpus:Path to the folder of transcripts.");

        rebuild |= !index.IsCurrentFormat;
        var scan = Stage("reading the corpus folder", null, () => ScanFolder(corpusPath, cancellationToken));
        if (!rebuild && !scan.Differs(stored))
        {
            LogSkipped(scan.Skipped);
            return (scan.Report([], [], [], stored.Count, 0, clock.Elapsed), false);
        }

        using var writer = Stage("opening the index for writing", null, () => index.TryOpenWriter(rebuild));
        if (writer is null)
        {
            logger.LogInformation("Another process is updating the index; its commit will be picked up");
            return (scan.Report([], [], [], 0, 0, clock.Elapsed) with { Locked = true }, false);
        }
        try
        {
            // Read again under the lock: another shard may have written since the searcher was opened.
            var committed = rebuild ? [] : Stage("reading the index", null, index.CommittedHashes);
            var changed = scan.Files.Where(f => !committed.TryGetValue(f.Source, out var hash) || hash != f.Hash).ToList();
            var gone = committed.Keys.Where(s => !scan.Present.Contains(s) && !scan.Unstable.Contains(s)).Order(StringComparer.Ordinal).ToList();
            foreach (var source in gone)
                writer.DeleteDocuments(new Term(PassageFields.Source, source));

            var skipped = new ConcurrentBag<SkippedFile>(scan.Skipped);
            var written = new List<(string Source, int Passages)>();
            foreach (var (file, documents) in Analyse(changed, skipped, cancellationToken))
            {
                if (!rebuild && committed.ContainsKey(file.Source))
                    Stage("writing", file.Source, () => writer.UpdateDocuments(new Term(PassageFields.Source, file.Source), documents));
                else
                    Stage("writing", file.Source, () => writer.AddDocuments(documents));
                written.Add((file.Source, documents.Count - 1));
            }

            // A file now unreadable, undecodable or failing analysis no longer says what its old passages say.
            foreach (var skip in skipped.Where(s => committed.ContainsKey(s.Source)))
                writer.DeleteDocuments(new Term(PassageFields.Source, skip.Source));
            LogSkipped(skipped);

            var sources = written.Select(w => w.Source).ToList();
            var removed = gone.Concat(skipped.Select(s => s.Source).Where(committed.ContainsKey)).Distinct().Order(StringComparer.Ordinal).ToList();
            var hasChanges = rebuild || sources.Count > 0 || removed.Count > 0;
            if (hasChanges)
            {
                beforeCommit?.Invoke();
                Stage("committing", null, () => PassageIndex.Commit(writer));
            }
            else
            {
                writer.Rollback();
            }
            var report = new IndexReport(
                sources.Where(s => !committed.ContainsKey(s)).Order(StringComparer.Ordinal).ToList(),
                sources.Where(committed.ContainsKey).Order(StringComparer.Ordinal).ToList(),
                removed,
                scan.Files.Count - changed.Count,
                [.. skipped.OrderBy(s => s.Source, StringComparer.Ordinal)],
                written.Sum(w => w.Passages),
                clock.Elapsed);
            return (report, hasChanges);
        }
        catch (Exception e)
        {
            // Disk full, the folder gone, cancelled: nothing of this update is committed, the previous index stays.
            try
            {
                writer.Rollback();
            }
            catch (IOException)
            {
                // The failure being reported is the one that matters; the writer is gone either way.
            }
            // Parallel.ForEach wraps what analysing a file threw: throw that, as the caller expects.
            if (e is AggregateException aggregate)
                ExceptionDispatchInfo.Throw(aggregate.Flatten().InnerExceptions[0]);
            throw;
        }
    }

    /// <summary>
    /// Decodes, parses and analyses the files on every core, handing each file's documents over as soon as they are
    /// ready (a few at a time, so a large rebuild never holds every analysed file in memory). One thread writes them:
    /// the index gets one segment, and the documents of a file stay together in it.
    /// </summary>
    private IEnumerable<(ReadFile File, List<Document> Documents)> Analyse(List<ReadFile> files, ConcurrentBag<SkippedFile> skipped, CancellationToken cancellationToken)
    {
        using var ready = new BlockingCollection<(ReadFile, List<Document>)>(boundedCapacity: Environment.ProcessorCount * 2);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var parallel = new ParallelOptions { CancellationToken = stop.Token, MaxDegreeOfParallelism = Environment.ProcessorCount };
        // Largest first, so that no long file is left alone on one core at the end.
        var pending = new ConcurrentQueue<ReadFile>(files.OrderByDescending(f => f.Bytes.Length));
        var analysis = Task.Run(() =>
        {
            try
            {
                Parallel.ForEach(Partitioner.Create(Drain(pending), EnumerablePartitionerOptions.NoBuffering), parallel, file =>
                {
                    var documents = Documents(file, out var skip);
                    if (skip is not null)
                        skipped.Add(skip);
                    else
                        ready.Add((file, documents!), stop.Token);
                });
            }
            finally
            {
                ready.CompleteAdding();
            }
        }, CancellationToken.None);

        try
        {
            foreach (var item in ready.GetConsumingEnumerable(stop.Token))
                yield return item;
            analysis.GetAwaiter().GetResult();
        }
        finally
        {
            // The writer failed (or the caller stopped): stop analysing and wait, so no thread outlives the update.
            stop.Cancel();
            try
            {
                analysis.Wait(CancellationToken.None);
            }
            catch (AggregateException)
            {
            }
        }
    }

    private static IEnumerable<T> Drain<T>(ConcurrentQueue<T> queue)
    {
        while (queue.TryDequeue(out var item))
            yield return item;
    }

    /// <summary>A file's documents, analysed; or why it is skipped, with the stage that failed (never the index's failure: nothing is written here).</summary>
    private List<Document>? Documents(ReadFile file, out SkippedFile? skip)
    {
        skip = null;
        var stage = "decoding";
        try
        {
            var decoded = TranscriptDecoder.Decode(file.Bytes);
            if (!decoded.IsSuccess)
            {
                skip = new SkippedFile(file.Source, decoded.Error!);
                return null;
            }
            stage = "parsing";
            var transcript = parser.Parse(file.Source, decoded.Text!);
            stage = "analysis";
            BeforeAnalysis?.Invoke(file.Source);
            return PassageFields.Documents(file.Source, file.Hash, decoded.Encoding, transcript);
        }
        catch (Exception e) when (e is not (OperationCanceledException or OutOfMemoryException))
        {
            logger.LogWarning(e, "Failed {Stage} of {Source}", stage, file.Source);
            skip = new SkippedFile(file.Source, $"failed during {stage} ({e.GetType().Name}: {e.Message})");
            return null;
        }
    }

    /// <summary>Runs one stage of the update; a failure of the index or the disk is reported with the stage.</summary>
    private static T Stage<T>(string stage, string? source, Func<T> run)
    {
        try
        {
            return run();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ObjectDisposedException)
        {
            throw new IndexingException(stage, source, e);
        }
    }

    private static void Stage(string stage, string? source, Action run) => Stage(stage, source, () => { run(); return true; });

    private Scan ScanFolder(string corpusPath, CancellationToken cancellationToken)
    {
        var files = TranscriptParser.FilesIn(corpusPath);
        var read = new ConcurrentBag<ReadFile>();
        var skipped = new ConcurrentBag<SkippedFile>();
        var unstable = new ConcurrentBag<string>();
        Parallel.ForEach(files, new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount }, file =>
        {
            var source = SourceName(corpusPath, file);
            var result = ReadStable(file);
            if (result.Bytes is not null)
                read.Add(new ReadFile(source, Convert.ToHexString(SHA256.HashData(result.Bytes)), result.Bytes));
            else if (result.Changing)
                unstable.Add(source);
            else
                skipped.Add(new SkippedFile(source, result.Reason!));
        });
        return new Scan(
            [.. read.OrderBy(f => f.Source, StringComparer.Ordinal)],
            [.. skipped],
            unstable.ToHashSet(StringComparer.Ordinal),
            files.Select(f => SourceName(corpusPath, f)).ToHashSet(StringComparer.Ordinal));
    }

    private void LogSkipped(IEnumerable<SkippedFile> skipped)
    {
        foreach (var skip in skipped.OrderBy(s => s.Source, StringComparer.Ordinal))
            logger.LogWarning("Skipped {Source}: {Reason}", skip.Source, skip.Reason);
    }

    private static string SourceName(string corpusPath, string file) => Path.GetRelativePath(corpusPath, file).Replace('\\', '/');

    /// <summary>Reads a file whole, refusing one that is too large or that changes while it is read.</summary>
    private (byte[]? Bytes, bool Changing, string? Reason) ReadStable(string file)
    {
        try
        {
            var before = new FileInfo(file);
            if (before.Length > maxFileBytes)
                return (null, false, $"larger than {maxFileBytes / (1024 * 1024)} MB (Corpus:MaxFileMegabytes); split it into smaller transcripts");
            byte[] bytes;
            using (var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
            {
                bytes = new byte[stream.Length];
                stream.ReadExactly(bytes);
            }
            var after = new FileInfo(file);
            if (!after.Exists || after.Length != before.Length || after.LastWriteTimeUtc != before.LastWriteTimeUtc || after.Length != bytes.Length)
                return (null, true, null);
            return (bytes, false, null);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or EndOfStreamException)
        {
            return (null, true, null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (null, false, $"cannot be read ({e.Message})");
        }
    }

    private sealed record ReadFile(string Source, string Hash, byte[] Bytes);

    /// <summary>The corpus folder as read: files with their hashes, files skipped, files changing while read, every name present.</summary>
    private sealed record Scan(IReadOnlyList<ReadFile> Files, IReadOnlyList<SkippedFile> Skipped, IReadOnlySet<string> Unstable, IReadOnlySet<string> Present)
    {
        public bool Differs(IReadOnlyDictionary<string, string> stored) =>
            Files.Any(f => !stored.TryGetValue(f.Source, out var hash) || hash != f.Hash)
            || stored.Keys.Any(s => !Present.Contains(s) && !Unstable.Contains(s))
            || Skipped.Any(s => stored.ContainsKey(s.Source));

        public IndexReport Report(IReadOnlyList<string> added, IReadOnlyList<string> changed, IReadOnlyList<string> removed, int unchanged, int passages, TimeSpan elapsed) =>
            new(added, changed, removed, unchanged, [.. Skipped.OrderBy(s => s.Source, StringComparer.Ordinal)], passages, elapsed);
    }
}
