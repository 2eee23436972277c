namespace Bot.Search.Ranking;

/// <summary>The knobs of ranking, in one place so that they are tuned by measurement (eval), not scattered.</summary>
internal sealed record RankingParameters
{
    /// <summary>BM25 term-frequency saturation.</summary>
    public float K1 { get; init; } = 1.2f;

    /// <summary>BM25 length normalisation.</summary>
    public float B { get; init; } = 0.75f;

    /// <summary>How many BM25 candidates are reranked.</summary>
    public int Candidates { get; init; } = 64;

    /// <summary>Share of the score a passage keeps when it covers none of the question's weight.</summary>
    public double CoverageFloor { get; init; } = 0.2;

    public double CoveragePower { get; init; } = 2;

    /// <summary>Boost for a passage that contains a whole segment of the question as one phrase.</summary>
    public double PhraseBoost { get; init; } = 0.5;

    /// <summary>Passages covering less of the question's weight than this are not answers.</summary>
    public double MinCoverage { get; init; } = 0.3;

    /// <summary>Two passages sharing this share of the smaller one's words and bigrams say the same thing.</summary>
    public double NearDuplicate { get; init; } = 0.5;

    public static RankingParameters Default { get; } = new();
}
