using Bot.Search.Corpus;

namespace Bot.Search;

public sealed record SearchIndexOptions
{
    /// <summary>The folder of transcripts (Corpus:Path).</summary>
    public string CorpusPath { get; init; } = "seeds";

    /// <summary>The bot's SQLite file (Index:Path); the Lucene index lives in the folder beside it (data/bot.db: data/bot.index/).</summary>
    public string IndexPath { get; init; } = "data/bot.db";

    /// <summary>The Lucene folder beside <see cref="IndexPath"/>.</summary>
    public string IndexFolder => Index.PassageIndex.FolderFor(IndexPath);

    /// <summary>Larger transcripts are skipped with a message (Corpus:MaxFileMegabytes).</summary>
    public int MaxFileMegabytes { get; init; } = 16;

    public PassageOptions Passages { get; init; } = PassageOptions.Default;

    /// <summary>
    /// Test seam: wraps the Lucene directory of the index folder (a disk that fills up, a file that fails); null in
    /// production.
    /// </summary>
    internal Func<Lucene.Net.Store.Directory, Lucene.Net.Store.Directory>? WrapDirectory { get; init; }

    /// <summary>Test seam: called with each file's name before its passages are analysed (an analysis that throws).</summary>
    internal Action<string>? BeforeAnalysis { get; init; }
}
