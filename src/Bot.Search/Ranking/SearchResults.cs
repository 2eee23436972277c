namespace Bot.Search.Ranking;

/// <summary>The answer to one question: the passages that answer it, best first, possibly none.</summary>
public sealed record SearchResponse(string Question, IReadOnlyList<SearchHit> Hits, IReadOnlyList<string> Terms)
{
    /// <summary>True when the question had nothing searchable in it (only punctuation, emoji, question words).</summary>
    public bool NothingToSearch => Terms.Count == 0;

    /// <summary>Whether relevant passages beyond the ones returned exist (for "more results").</summary>
    public bool HasMore { get; init; }
}

/// <param name="Rank">1 for the best passage.</param>
/// <param name="Highlights">Where the question's terms occur in <see cref="PassageView.Text"/>, merged, in order.</param>
public sealed record SearchHit(int Rank, double Score, PassageView Passage, IReadOnlyList<TextSpan> Highlights, string? Explanation);

/// <summary>A passage with its source, as shown to users.</summary>
public sealed record PassageView(string Source, string Title, string? Url, string Locator, string? Section, string Text, int Ordinal)
{
    /// <summary>Where the passage starts in a recording, when its locator says (subtitles, time marks in the text).</summary>
    public TimeSpan? Start => Corpus.MomentLinks.StartOf(Locator);

    /// <summary>The original address, opening a video at <see cref="Start"/> where the site allows (<see cref="Corpus.MomentLinks"/>).</summary>
    public string? Link => Corpus.MomentLinks.At(Url, Start);
}

public readonly record struct TextSpan(int Start, int Length)
{
    public int End => Start + Length;
}
