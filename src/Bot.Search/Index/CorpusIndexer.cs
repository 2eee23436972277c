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
        var files = TranscriptFiles(corpusPath);
        var skipped = new ConcurrentBag<SkippedFile>();
        var changed = new ConcurrentBag<(string Source, string Hash, byte[] Bytes)>();
        var unchanged = 0;
        var unstable = new ConcurrentBag<string>();
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

        // Identical files (same content, same format) are decoded, parsed and analysed once.
        var analyzed = new ConcurrentDictionary<(string Hash, string Extension), AnalyzedDocument?>();
        var distinct = changed.GroupBy(c => (c.Hash, Path.GetExtension(c.Source).ToLowerInvariant())).ToList();
        Parallel.ForEach(distinct, parallel, group =>
        {
            var (source, hash, bytes) = group.OrderBy(c => c.Source, StringComparer.Ordinal).First();
            var decoded = TranscriptDecoder.Decode(bytes);
            analyzed[group.Key] = decoded.IsSuccess ? AnalyzedDocument.From(source, hash, decoded.Encoding, parser.Parse(source, decoded.Text!)) : null;
            if (!decoded.IsSuccess)
            {
                foreach (var copy in group)
                    skipped.Add(new SkippedFile(copy.Source, decoded.Error!));
            }
        });
        var upserts = changed
            .Select(c => analyzed[(c.Hash, Path.GetExtension(c.Source).ToLowerInvariant())] is { } document ? document with { Source = c.Source } : null)
            .OfType<AnalyzedDocument>()
            .OrderBy(a => a.Source, StringComparer.Ordinal)
            .ToList();

        foreach (var skip in skipped.OrderBy(s => s.Source, StringComparer.Ordinal))
            logger.LogWarning("Skipped {Source}: {Reason}", skip.Source, skip.Reason);

        var present = files.Select(f => SourceName(corpusPath, f)).ToHashSet(StringComparer.Ordinal);
        var skippedNames = skipped.Select(s => s.Source).ToHashSet(StringComparer.Ordinal);
        // A file now unreadable or undecodable no longer says what its old passages say.
        var removed = stored.Keys.Where(s => (!present.Contains(s) || skippedNames.Contains(s)) && !unstable.Contains(s)).Order(StringComparer.Ordinal).ToList();

        AppliedChange? change = null;
        if (rebuild || upserts.Count > 0 || removed.Count > 0)
            change = store.Apply(removed, upserts, rebuild, beforeCommit);

        var report = new IndexReport(
            upserts.Where(u => !stored.ContainsKey(u.Source)).Select(u => u.Source).ToList(),
            upserts.Where(u => stored.ContainsKey(u.Source)).Select(u => u.Source).ToList(),
            removed,
            unchanged,
            [.. skipped.OrderBy(s => s.Source, StringComparer.Ordinal)],
            upserts.Sum(u => u.Passages.Count),
            clock.Elapsed);
        return (report, change);
    }

    private static List<string> TranscriptFiles(string corpusPath) =>
        Directory.EnumerateFiles(corpusPath, "*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.Hidden | FileAttributes.System })
            .Where(f => TranscriptParser.Extensions.Contains(Path.GetExtension(f)) && !Path.GetFileName(f).StartsWith('.'))
            .Order(StringComparer.Ordinal)
            .ToList();

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
