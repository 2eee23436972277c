namespace Bot.Search.Ranking;

public sealed record SearchOptions
{
    /// <summary>How many passages to return.</summary>
    public int Limit { get; init; } = 5;

    /// <summary>How many of the best passages to skip: the next page of results.</summary>
    public int Offset { get; init; }

    /// <summary>Only passages of this document (its file name, as listed by the index).</summary>
    public string? Source { get; init; }

    /// <summary>Attach to each hit an explanation of its score.</summary>
    public bool Explain { get; init; }

    public static SearchOptions Default { get; } = new();
}
