using Bot.Search.Ranking;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;
using Directory = Lucene.Net.Store.Directory;

namespace Bot.Search.Index;

/// <summary>
/// The Lucene index in its folder: searchers for questions (<see cref="SearcherManager"/>, so questions keep the
/// previous commit until the next one is open), and writes that each end in one commit. A writer is held only
/// while writing, so several processes (shards) can share the folder: one writes at a time, the others skip.
/// </summary>
internal sealed class PassageIndex : IDisposable
{
    /// <summary>Bump when parsing, analysis or fields change what is indexed: the index is then rebuilt once.</summary>
    public const string FormatVersion = "lucene-5";

    private const string FormatKey = "format";

    private readonly Directory directory;
    private readonly RankingParameters parameters;
    private readonly System.Threading.Lock refreshLock = new();
    private SearcherManager? searchers;

    private PassageIndex(Directory directory, string folder, RankingParameters parameters)
    {
        this.directory = directory;
        this.parameters = parameters;
        Folder = folder;
    }

    public string Folder { get; }

    /// <summary>The Lucene folder beside the bot's database file: data/bot.db keeps its index in data/bot.index/.</summary>
    public static string FolderFor(string databasePath) => Path.ChangeExtension(Path.GetFullPath(databasePath), ".index");

    public static PassageIndex Open(string folder, RankingParameters parameters, Func<Directory, Directory>? wrap = null)
    {
        System.IO.Directory.CreateDirectory(folder);
        Directory directory = FSDirectory.Open(folder, new ExclusiveLockFactory());
        var index = new PassageIndex(wrap is null ? directory : wrap(directory), folder, parameters);
        index.Refresh();
        return index;
    }

    /// <summary>Whether the folder holds an index of the current format (otherwise the next update rebuilds it).</summary>
    public bool IsCurrentFormat => CommittedFormat() == FormatVersion;

    /// <summary>The searcher of the newest commit this process has opened; give it back with <see cref="Release"/>. Null while there is no index.</summary>
    public CorpusSearcher? Acquire() => (CorpusSearcher?)searchers?.Acquire();

    public void Release(CorpusSearcher searcher) => searchers!.Release(searcher);

    /// <summary>Opens the newest commit (written by this process or another) for the next questions; false when there was none newer.</summary>
    public bool Refresh()
    {
        lock (refreshLock)
        {
            if (searchers is not null)
            {
                var before = Version();
                searchers.MaybeRefreshBlocking();
                return Version() != before;
            }
            if (!IsCurrentFormat)
                return false;
            searchers = new SearcherManager(directory, new CorpusSearcher.Factory(parameters));
            return true;
        }
    }

    private long Version()
    {
        var searcher = searchers!.Acquire();
        try
        {
            return ((DirectoryReader)searcher.IndexReader).Version;
        }
        finally
        {
            searchers.Release(searcher);
        }
    }

    /// <summary>
    /// A writer for one update, or null when another process holds the folder's write lock. <paramref name="rebuild"/>
    /// starts from nothing; the previous commit stays readable until <see cref="IndexWriter.Commit()"/>.
    /// </summary>
    public IndexWriter? TryOpenWriter(bool rebuild)
    {
        var config = new IndexWriterConfig(LuceneVersion.LUCENE_48, PassageFields.CreateAnalyzer())
        {
            OpenMode = rebuild || !IsCurrentFormat ? OpenMode.CREATE : OpenMode.CREATE_OR_APPEND,
            Similarity = new BM25Similarity(parameters.K1, parameters.B),
            RAMBufferSizeMB = 64,
            WriteLockTimeout = 0,
        };
        try
        {
            return new IndexWriter(directory, config);
        }
        catch (LockObtainFailedException)
        {
            return null;
        }
    }

    /// <summary>Commits what the writer holds, marked with the current format.</summary>
    public static void Commit(IndexWriter writer)
    {
        writer.SetCommitData(new Dictionary<string, string> { [FormatKey] = FormatVersion });
        writer.Commit();
    }

    /// <summary>The content hash of every file in the newest commit, read afresh (under the write lock, another shard may have written).</summary>
    public Dictionary<string, string> CommittedHashes()
    {
        var hashes = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!IsCurrentFormat)
            return hashes;
        using var reader = DirectoryReader.Open(directory);
        var searcher = new IndexSearcher(reader);
        var records = searcher.Search(new TermQuery(new Term(PassageFields.Record, PassageFields.FileRecord)), Math.Max(1, reader.MaxDoc));
        foreach (var hit in records.ScoreDocs)
        {
            var record = searcher.Doc(hit.Doc);
            hashes[record.Get(PassageFields.Source)] = record.Get(PassageFields.Hash);
        }
        return hashes;
    }

    private string? CommittedFormat()
    {
        // Another process may commit (and delete the previous commit) while this one reads: try the newest again.
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                if (!DirectoryReader.IndexExists(directory))
                    return null;
                return DirectoryReader.ListCommits(directory)[^1].UserData.TryGetValue(FormatKey, out var format) ? format : null;
            }
            catch (FileNotFoundException) when (attempt < 3)
            {
            }
            catch (IOException)
            {
                return null;
            }
        }
    }

    public void Dispose()
    {
        lock (refreshLock)
        {
            searchers?.Dispose();
            searchers = null;
        }
        directory.Dispose();
    }
}
