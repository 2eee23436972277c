namespace Bot.Search.Ranking;

/// <summary>The knobs of ranking, in one place so that they are tuned by measurement (eval), not scattered.</summary>
internal sealed record RankingParameters
{
    /// <summary>BM25 term-frequency saturation.</summary>
    public float K1 { get; init; } = 0.8f;

    /// <summary>BM25 length normalisation.</summary>
    public float B { get; init; } = 0.75f;

    /// <summary>How many BM25 candidates are reranked.</summary>
    public int Candidates { get; init; } = 32;

    /// <summary>Share of the score a passage keeps when it covers none of the question's weight.</summary>
    public double CoverageFloor { get; init; } = 0.05;

    public double CoveragePower { get; init; } = 2;

    /// <summary>Boost for a passage that contains a whole segment of the question as one phrase.</summary>
    public double PhraseBoost { get; init; } = 0.5;

    /// <summary>Boost for a passage where the question's segments stand next to each other as in the question.</summary>
    public double ProximityBoost { get; init; } = 0.5;

    /// <summary>Boost for an answer whose interviewer question covers the user's question.</summary>
    public double QuestionBoost { get; init; } = 0.3;

    /// <summary>Passages that mostly contain less than this share of the question's segments (by IDF) are not answers.</summary>
    public double MinFound { get; init; } = 0.15;

    /// <summary>A passage must contain at least one of the question's words that is this characteristic of the corpus.</summary>
    public double MinKeyness { get; init; } = 4.5;

    /// <summary>Two passages sharing this share of the smaller one's words and bigrams (IDF-weighted) say the same thing.</summary>
    public double NearDuplicate { get; init; } = 0.5;

    /// <summary>The same, between passages of parallel transcripts (two translations of one talk).</summary>
    public double ParallelDuplicate { get; init; } = 0.17;

    public Analysis.QueryWeights Query { get; init; } = Analysis.QueryWeights.Default;

    public static RankingParameters Default { get; } = new();
}
