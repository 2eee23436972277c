namespace Bot.Search.Index;

/// <summary>A transcript as the index knows it.</summary>
public sealed class IndexedDocument
{
    public required long Id { get; init; }

    /// <summary>The file, relative to the corpus folder, with '/' separators.</summary>
    public required string Source { get; init; }

    public required string Title { get; init; }

    public required string? Url { get; init; }

    /// <summary>Between 0 and 1; see <see cref="Corpus.ParsedTranscript.Quality"/>.</summary>
    public required double Quality { get; init; }

    public required string Hash { get; init; }

    public required string Encoding { get; init; }

    public int PassageCount { get; internal set; }
}
