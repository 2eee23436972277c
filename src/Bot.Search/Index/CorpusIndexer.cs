using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography;
using Bot.Search.Corpus;
using Microsoft.Extensions.Logging;

namespace Bot.Search.Index;

/// <summary>
/// Brings the store in line with the corpus folder: unchanged files (same content hash) are left alone,
/// changed and new ones are parsed and analysed in parallel, removed ones dropped; all in one transaction.
/// </summary>
internal sealed class CorpusIndexer(IndexStore store, TranscriptParser parser, long maxFileBytes, ILogger logger)
{
    /// <returns>What changed, and the change as written (null when nothing had to be written).</returns>
    public (IndexReport Report, AppliedChange? Change) Sync(string corpusPath, bool rebuild, Action? beforeCommit = null, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        if (!Directory.Exists(corpusPath))
            throw new DirectoryNotFoundException($"The corpus folder '{Path.GetFullPath(corpusPath)}' does not exist. Set Corpus:Path to the folder of transcripts.");

        rebuild |= !store.IsCurrentFormat;
        var stored = rebuild ? [] : store.DocumentHashes();
        var files = TranscriptParser.FilesIn(corpusPath);
        var skipped = new ConcurrentBag<SkippedFile>();
        var changed = new ConcurrentBag<(string Source, string Hash, byte[] Bytes)>();
        var unchanged = 0;
        var unstable = new ConcurrentBag<string>();
        var passages = 0;
        var parallel = new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount };

        Parallel.ForEach(files, parallel, file =>
        {
            var source = SourceName(corpusPath, file);
            var read = ReadStable(file);
            if (read.Bytes is null)
            {
                if (read.Changing)
                    unstable.Add(source);
                else
                    skipped.Add(new SkippedFile(source, read.Reason!));
                return;
            }
            var hash = Convert.ToHexString(SHA256.HashData(read.Bytes));
            if (stored.TryGetValue(source, out var storedHash) && storedHash == hash)
                Interlocked.Increment(ref unchanged);
            else
                changed.Add((source, hash, read.Bytes));
        });

        var present = files.Select(f => SourceName(corpusPath, f)).ToHashSet(StringComparer.Ordinal);
        var gone = stored.Keys.Where(s => !present.Contains(s) && !unstable.Contains(s)).Order(StringComparer.Ordinal).ToList();
        if (!rebuild && changed.IsEmpty && gone.Count == 0)
        {
            LogSkipped(skipped);
            return (new IndexReport([], [], [], unchanged, [.. skipped.OrderBy(s => s.Source, StringComparer.Ordinal)], 0, clock.Elapsed), null);
        }

        using var write = store.BeginWrite(rebuild);
        foreach (var source in gone)
            write.Remove(source);

        // Identical files (same content, same format) are decoded, parsed and analysed once. Documents are
        // written as they come, so a large rebuild never holds every analysed document in memory, and each
        // group is taken off the queue for analysis, so its file bytes are let go once it is analysed.
        var pending = new ConcurrentQueue<List<(string Source, string Hash, byte[] Bytes)>>(changed
            .GroupBy(c => (c.Hash, Path.GetExtension(c.Source).ToLowerInvariant()))
            .Select(g => g.OrderBy(c => c.Source, StringComparer.Ordinal).ToList()));
        changed.Clear();
        using var ready = new BlockingCollection<IReadOnlyList<AnalyzedDocument>>(boundedCapacity: Environment.ProcessorCount * 2);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var producing = new ParallelOptions { CancellationToken = stop.Token, MaxDegreeOfParallelism = Environment.ProcessorCount };
        var analysis = Task.Run(() =>
        {
            try
            {
                Parallel.ForEach(Partitioner.Create(Drain(pending), EnumerablePartitionerOptions.NoBuffering), producing, copies =>
                {
                    var (source, hash, bytes) = copies[0];
                    var decoded = TranscriptDecoder.Decode(bytes);
                    if (!decoded.IsSuccess)
                    {
                        foreach (var copy in copies)
                            skipped.Add(new SkippedFile(copy.Source, decoded.Error!));
                        return;
                    }
                    var document = AnalyzedDocument.From(source, hash, decoded.Encoding, parser.Parse(source, decoded.Text!));
                    ready.Add(copies.Select(c => document with { Source = c.Source }).ToList(), stop.Token);
                });
            }
            finally
            {
                ready.CompleteAdding();
            }
        }, CancellationToken.None);

        var written = new List<string>();
        try
        {
            foreach (var documents in ready.GetConsumingEnumerable(stop.Token))
            {
                foreach (var document in documents)
                {
                    write.Write(document);
                    written.Add(document.Source);
                    passages += document.Passages.Count;
                }
            }
        }
        catch
        {
            // The write failed (disk full, database locked …): stop the analysis, leave the previous index as it was.
            stop.Cancel();
            try { analysis.Wait(CancellationToken.None); } catch (AggregateException) { }
            throw;
        }
        analysis.GetAwaiter().GetResult();

        // A file now unreadable or undecodable no longer says what its old passages say.
        foreach (var skip in skipped.Where(s => stored.ContainsKey(s.Source)).OrderBy(s => s.Source, StringComparer.Ordinal))
            write.Remove(skip.Source);
        LogSkipped(skipped);

        AppliedChange? change = write.HasChanges ? write.Commit(beforeCommit) : null;
        var report = new IndexReport(
            written.Where(s => !stored.ContainsKey(s)).Order(StringComparer.Ordinal).ToList(),
            written.Where(stored.ContainsKey).Order(StringComparer.Ordinal).ToList(),
            change?.Removed.Order(StringComparer.Ordinal).ToList() ?? [],
            unchanged,
            [.. skipped.OrderBy(s => s.Source, StringComparer.Ordinal)],
            passages,
            clock.Elapsed);
        return (report, change);
    }

    private static IEnumerable<T> Drain<T>(ConcurrentQueue<T> queue)
    {
        while (queue.TryDequeue(out var item))
            yield return item;
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
}
