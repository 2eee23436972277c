namespace Bot.Search.Index;

/// <summary>What a write to the store did, with everything needed to update the in-memory snapshot without reading it back.</summary>
/// <param name="Terms">The store's term table after the write.</param>
/// <param name="Removed">Sources removed (changed ones are also in <paramref name="Added"/>).</param>
/// <param name="PreviousGeneration">The store's change counter before the write; when it differs from the snapshot's, another process wrote meanwhile.</param>
internal sealed record AppliedChange(
    TermDictionary Terms,
    IReadOnlyCollection<string> Removed,
    IReadOnlyList<(IndexedDocument Document, IReadOnlyList<IndexedPassage> Passages)> Added,
    bool Rebuilt,
    long PreviousGeneration,
    long Generation);
