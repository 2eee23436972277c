namespace Bot.Search.Ranking;

/// <summary>The knobs of ranking, in one place so that they are tuned by measurement (eval), not scattered.</summary>
internal sealed record RankingParameters
{
    /// <summary>BM25 term-frequency saturation.</summary>
    public float K1 { get; init; } = 1.2f;

    /// <summary>BM25 length normalisation.</summary>
    public float B { get; init; } = 0.75f;

    /// <summary>How many of Lucene's best passages are reranked (more when a page further down is asked for). Measured: 16, 32 and 64 rank alike.</summary>
    public int Candidates { get; init; } = 16;

    /// <summary>Boost for a passage that contains a whole segment of the question as one phrase.</summary>
    public double PhraseBoost { get; init; } = 1;

    /// <summary>Boost for an answer whose interviewer question covers the user's question.</summary>
    public double QuestionBoost { get; init; } = 0.3;

    /// <summary>Boost for a passage whose transcript's title holds the question's words (an article named by the question).</summary>
    public double TitleBoost { get; init; } = 0.6;

    /// <summary>Passages scoring less than this share of the best one are not shown.</summary>
    public double MinRelativeScore { get; init; } = 0.05;

    /// <summary>Passages that contain less than this share of the question's words (by IDF) are not answers.</summary>
    public double MinFound { get; init; } = 0.1;

    /// <summary>
    /// A question is answered only when some candidate holds this share of its words, or one of its words that is
    /// <see cref="MinKeyness"/> characteristic of the corpus.
    /// </summary>
    public double AnswerFound { get; init; } = 0.4;

    public double MinKeyness { get; init; } = 2;

    /// <summary>Two passages sharing this share of the smaller one's bigrams (IDF-weighted) say the same thing.</summary>
    public double NearDuplicate { get; init; } = 0.5;

    /// <summary>The same, between passages of parallel transcripts (two translations of one talk).</summary>
    public double ParallelDuplicate { get; init; } = 0.17;

    public QueryWeights Query { get; init; } = QueryWeights.Default;

    public static RankingParameters Default { get; } = new();
}

/// <summary>How much each kind of question term counts, relative to a bigram.</summary>
internal sealed record QueryWeights
{
    public float Bigram { get; init; } = 1f;

    /// <summary>A bigram across two words of the question: not searched (measured: it matched more noise than it found), only part of phrases.</summary>
    public float Bridge { get; init; }

    /// <summary>A Latin word, acronym or number (delve, FFmpeg, RLHF): in a Chinese question usually the key term.</summary>
    public float Word { get; init; } = 1.5f;

    /// <summary>A CJK character left alone between stop words (学 in 在学什么).</summary>
    public float Character { get; init; } = 0.5f;

    /// <summary>Every character of a longer CJK segment, so 离开 partly matches 离职; scored only in the rerank.</summary>
    public float Backoff { get; init; } = 0.3f;

    /// <summary>SmartCn's words of the question, in the text field.</summary>
    public float TextWord { get; init; } = 2f;

    /// <summary>The question's words and bigrams in the transcript's title.</summary>
    public float Title { get; init; } = 0.3f;

    public static QueryWeights Default { get; } = new();

    public float Of(Analysis.QueryTermKind kind) => kind switch
    {
        Analysis.QueryTermKind.Bigram => Bigram,
        Analysis.QueryTermKind.Bridge => Bridge,
        Analysis.QueryTermKind.Word => Word,
        Analysis.QueryTermKind.Character => Character,
        _ => Backoff,
    };
}
