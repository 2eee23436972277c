namespace Bot.Search.Corpus;

/// <summary>A unit of a transcript before it becomes passages: one speaker turn, or one paragraph.</summary>
internal sealed class Block
{
    public required string? Speaker { get; init; }
    public string? SpeakerKey { get; init; }
    public required int Number { get; init; }
    public required string? Section { get; init; }
    public List<string> Lines { get; } = [];

    /// <summary>When it starts in the recording, when the transcript marks times.</summary>
    public TimeSpan? Time { get; init; }

    public string Text => string.Join('\n', Lines);

    public int Length => Lines.Sum(l => l.Length);

    public bool IsTurn => Speaker is not null;

    /// <summary>Asks something: its last sentence carries a question mark.</summary>
    public bool IsQuestion
    {
        get
        {
            var last = Lines[^1].TrimEnd();
            var tailStart = Math.Max(last.LastIndexOfAny(['。', '！', '!'], Math.Max(0, last.Length - 2)), 0);
            return last.IndexOfAny(['?', '？'], tailStart) >= 0;
        }
    }
}
