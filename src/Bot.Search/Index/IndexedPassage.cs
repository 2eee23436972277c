namespace Bot.Search.Index;

/// <summary>A passage with its tokens, as held in memory for search.</summary>
internal sealed class IndexedPassage
{
    public required IndexedDocument Document { get; init; }
    public required int Ordinal { get; init; }
    public required string Locator { get; init; }
    public required string? Section { get; init; }
    public required PassageContent Content { get; init; }

    public string Text => Content.Text;

    public TokenStream Tokens => Content.Tokens;

    /// <summary>Lines or cues covered, for overlapping windows; see <see cref="Corpus.PassageDraft.FirstUnit"/>.</summary>
    public int FirstUnit { get; init; } = -1;

    public int LastUnit { get; init; } = -1;

    /// <summary>Length of the question shown at the start of the text; see <see cref="Corpus.PassageDraft.QuestionLength"/>.</summary>
    public int QuestionLength { get; init; }

    /// <summary>True when both passages are windows of the same transcript that share lines.</summary>
    public bool Overlaps(IndexedPassage other) =>
        ReferenceEquals(Document, other.Document) && FirstUnit >= 0 && other.FirstUnit >= 0
        && FirstUnit <= other.LastUnit && other.FirstUnit <= LastUnit;

    /// <summary>Dense position in the snapshot; postings refer to passages by it.</summary>
    public int Index { get; private set; }

    /// <summary>Passages with the same text share a group, so a copy never crowds out other answers.</summary>
    public int DuplicateGroup { get; private set; }

    /// <summary>Whether this passage already belongs to a snapshot (its position is fixed there).</summary>
    public bool IsPlaced { get; private set; }

    /// <summary>Fixes the passage's position in the snapshot being built.</summary>
    public void Place(int index, int duplicateGroup)
    {
        Index = index;
        DuplicateGroup = duplicateGroup;
        IsPlaced = true;
    }

    /// <summary>The same passage, not yet placed: for a new snapshot while the old one is still answering.</summary>
    public IndexedPassage Unplaced() => new()
    {
        Document = Document,
        Ordinal = Ordinal,
        Locator = Locator,
        Section = Section,
        Content = Content,
        FirstUnit = FirstUnit,
        LastUnit = LastUnit,
        QuestionLength = QuestionLength,
    };
}
