using Lucene.Net.Index;
using Lucene.Net.Store;

namespace Bot.Tests.Infrastructure;

/// <summary>What a Lucene index folder holds, read as another process opening it would: no writer, no bot.</summary>
internal static class LuceneFolder
{
    /// <summary>The newest commit's segments file (segments_N): another name means another commit.</summary>
    public static string LastCommit(string folder)
    {
        using var directory = FSDirectory.Open(folder);
        return SegmentInfos.GetLastCommitSegmentsFileName(directory.ListAll());
    }

    /// <summary>Files no commit refers to (besides the write lock and segments.gen): a writer's work in progress, or its leftovers.</summary>
    public static IReadOnlyList<string> Uncommitted(string folder)
    {
        using var directory = FSDirectory.Open(folder);
        var committed = DirectoryReader.IndexExists(directory)
            ? DirectoryReader.ListCommits(directory).SelectMany(c => c.FileNames).ToHashSet(StringComparer.Ordinal)
            : [];
        return directory.ListAll().Where(f => f != IndexWriter.WRITE_LOCK_NAME && f != IndexFileNames.SEGMENTS_GEN && !committed.Contains(f)).Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>Whether Lucene's CheckIndex finds the newest commit whole: every segment readable, every checksum right.</summary>
    public static bool IsWhole(string folder)
    {
        using var directory = FSDirectory.Open(folder);
        return new CheckIndex(directory).DoCheckIndex().Clean;
    }
}
