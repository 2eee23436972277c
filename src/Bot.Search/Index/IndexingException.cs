namespace Bot.Search.Index;

/// <summary>
/// An update of the index failed as a whole (the disk full, the folder unwritable): nothing of it was committed and the
/// previous index still answers. Says at which stage, and for which file when one was being written.
/// </summary>
public sealed class IndexingException(string stage, string? source, Exception inner)
    : Exception($"{stage}{(source is null ? "" : $" ({source})")}: {inner.GetType().Name}: {inner.Message}", inner)
{
    /// <summary>What the update was doing: "reading the corpus folder", "opening the index", "writing", "committing".</summary>
    public string Stage { get; } = stage;

    /// <summary>The transcript being written when it failed, if any.</summary>
    public string? File { get; } = source;
}
