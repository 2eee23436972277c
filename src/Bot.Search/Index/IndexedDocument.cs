namespace Bot.Search.Index;

/// <summary>A transcript as the index knows it.</summary>
/// <param name="Source">The file, relative to the corpus folder, with '/' separators.</param>
/// <param name="Quality">Between 0 and 1; see <see cref="Corpus.ParsedTranscript.Quality"/>.</param>
/// <param name="Hash">SHA-256 of the file's bytes: an unchanged file is not analysed again.</param>
public sealed record IndexedDocument(string Source, string Title, string? Url, double Quality, string Hash, string Encoding, int PassageCount);
