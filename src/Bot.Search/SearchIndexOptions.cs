using Bot.Search.Corpus;

namespace Bot.Search;

public sealed record SearchIndexOptions
{
    /// <summary>The folder of transcripts (Corpus:Path).</summary>
    public string CorpusPath { get; init; } = "seeds";

    /// <summary>The bot's SQLite file (Index:Path); the Lucene index lives in the folder beside it (data/bot.db: data/bot.index/).</summary>
    public string IndexPath { get; init; } = "data/bot.db";

    /// <summary>Larger transcripts are skipped with a message (Corpus:MaxFileMegabytes).</summary>
    public int MaxFileMegabytes { get; init; } = 16;

    public PassageOptions Passages { get; init; } = PassageOptions.Default;
}
