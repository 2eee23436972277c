namespace Bot.Search.Corpus;

/// <summary>One line of a transcript, trimmed, with its 1-based number in the file.</summary>
/// <param name="IsHeading">True when the format marks it as a heading (Markdown #); otherwise shape decides.</param>
/// <param name="FollowsBlank">True when a blank line precedes it: a paragraph break in the source.</param>
internal sealed record SourceLine(int Number, string Text, bool IsHeading = false, bool FollowsBlank = false)
{
    /// <summary>True when the format marks it as an item of a list (Markdown - or 1.): text, never a heading.</summary>
    public bool IsListItem { get; init; }

    /// <summary>The time mark it opened with ([00:12:34], 12:34), taken off <see cref="Text"/>.</summary>
    public TimeSpan? Time { get; init; }
}
