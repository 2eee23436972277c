using Bot.Search.Index;
using Lucene.Net.Index;
using Lucene.Net.Store;

namespace Bot.Search.Tests.Support;

/// <summary>What the Lucene folder of an index holds, read from disk as another process would.</summary>
internal static class IndexFolder
{
    public static string Of(string indexPath) => PassageIndex.FolderFor(indexPath);

    /// <summary>The generation of the newest commit: it grows by one with every update that wrote something.</summary>
    public static long CommitGeneration(string indexPath)
    {
        using var directory = FSDirectory.Open(Of(indexPath));
        return DirectoryReader.ListCommits(directory)[^1].Generation;
    }
}
