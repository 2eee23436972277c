namespace Bot.Search.Corpus;

/// <summary>Passage sizes, in characters.</summary>
public sealed record PassageOptions
{
    /// <summary>Longer turns and paragraphs are split at sentence boundaries.</summary>
    public int MaxLength { get; init; } = 400;

    /// <summary>Shorter paragraphs are joined with their neighbours.</summary>
    public int MinLength { get; init; } = 80;

    /// <summary>Subtitle-like lines are joined until a passage is about this long.</summary>
    public int JoinedLength { get; init; } = 160;

    /// <summary>A question shown above its answer is cut to this many characters (keeping its end).</summary>
    public int MaxQuestionContext { get; init; } = 240;

    public static PassageOptions Default { get; } = new();
}
