namespace Bot.Search.Index;

/// <summary>What one indexing run changed.</summary>
public sealed record IndexReport(
    IReadOnlyList<string> Added,
    IReadOnlyList<string> Changed,
    IReadOnlyList<string> Removed,
    int Unchanged,
    IReadOnlyList<SkippedFile> Skipped,
    int Passages,
    TimeSpan Elapsed)
{
    public bool HasChanges => Added.Count + Changed.Count + Removed.Count > 0;

    /// <summary>Another process (another shard) held the index's write lock: nothing was written; its commit is picked up instead.</summary>
    public bool Locked { get; init; }
}

/// <summary>A file that was not indexed, and why.</summary>
public sealed record SkippedFile(string Source, string Reason);
