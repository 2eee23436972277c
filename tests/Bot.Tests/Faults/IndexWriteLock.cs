using Lucene.Net.Analysis.Core;
using Lucene.Net.Index;
using Lucene.Net.Store;
using Lucene.Net.Util;

namespace Bot.Tests.Faults;

/// <summary>
/// Another writer on the index folder, as an <c>index --rebuild</c> in another process or another shard would be: a
/// Lucene <see cref="IndexWriter"/> holding the folder's write lock until disposed. It writes nothing.
/// </summary>
internal sealed class IndexWriteLock : IDisposable
{
    private readonly FSDirectory directory;
    private readonly IndexWriter writer;

    private IndexWriteLock(FSDirectory directory, IndexWriter writer)
    {
        this.directory = directory;
        this.writer = writer;
    }

    public static IndexWriteLock Take(string folder)
    {
        var directory = FSDirectory.Open(folder);
        var config = new IndexWriterConfig(LuceneVersion.LUCENE_48, new KeywordAnalyzer()) { OpenMode = OpenMode.APPEND };
        return new IndexWriteLock(directory, new IndexWriter(directory, config));
    }

    public void Dispose()
    {
        writer.Rollback(); // releases the lock without a commit
        directory.Dispose();
    }
}
