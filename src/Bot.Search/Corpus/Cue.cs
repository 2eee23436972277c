namespace Bot.Search.Corpus;

/// <summary>One subtitle cue: when it is shown, and its text.</summary>
internal sealed record Cue(TimeSpan Start, TimeSpan End, string Text, string? Speaker = null);
