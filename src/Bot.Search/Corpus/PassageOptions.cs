namespace Bot.Search.Corpus;

/// <summary>Passage sizes, in characters.</summary>
public sealed record PassageOptions
{
    /// <summary>
    /// Longer turns and paragraphs are split at sentence boundaries. Measured: cut at 400 characters, an answer in the
    /// second half of a long paragraph lost to the first half (Wikipedia dev sets MRR@10 0.950 / 0.980); whole paragraphs
    /// up to 1,200 characters gave 0.991 / 0.994, and the seeds' questions did no worse.
    /// </summary>
    public int MaxLength { get; init; } = 1200;

    /// <summary>Shorter paragraphs are joined with their neighbours.</summary>
    public int MinLength { get; init; } = 80;

    /// <summary>Subtitle-like lines are joined into windows about this long.</summary>
    public int JoinedLength { get; init; } = 160;

    /// <summary>
    /// Each window of joined lines starts this far (as a share of its length) into the previous one, so that a
    /// question and its answer always fall together in some window.
    /// </summary>
    public double WindowStride { get; init; } = 0.5;

    /// <summary>Every part of a long answer is shown under the question it answers, not just the first.</summary>
    public bool QuestionOnEveryPart { get; init; } = true;

    /// <summary>A question shown above its answer is cut to this many characters (keeping its end).</summary>
    public int MaxQuestionContext { get; init; } = 240;

    public static PassageOptions Default { get; } = new();
}
