namespace Bot.Search.Corpus;

/// <summary>A transcript reduced to what is worth searching, with the structure that lets a person find it again.</summary>
/// <param name="Quality">Between 0 and 1: how clean the text is (structure found, little page furniture). Of two
/// near-identical passages, the one from the cleaner transcript is shown.</param>
public sealed record ParsedTranscript(string Title, string? Url, IReadOnlyList<PassageDraft> Passages, double Quality);

/// <param name="Text">The passage as shown to users (for an answer, its question first).</param>
/// <param name="Locator">Where it is: speaker and turn, paragraph, lines or timestamps.</param>
/// <param name="Section">The heading it falls under, when the transcript has headings.</param>
public sealed record PassageDraft(string Text, string Locator, string? Section)
{
    /// <summary>
    /// For passages cut as overlapping windows of lines or cues: the first and last unit covered, so that two
    /// windows sharing lines are known to say the same thing. -1 for passages that never overlap.
    /// </summary>
    public int FirstUnit { get; init; } = -1;

    public int LastUnit { get; init; } = -1;

    /// <summary>Length of the question shown above an answer at the start of <see cref="Text"/>; 0 for other passages.</summary>
    public int QuestionLength { get; init; }
}
