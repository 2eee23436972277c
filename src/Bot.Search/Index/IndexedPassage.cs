using Bot.Search.Analysis;

namespace Bot.Search.Index;

/// <summary>A passage with its tokens, as held in memory for search.</summary>
internal sealed class IndexedPassage
{
    private int[]? contentTerms;

    public required IndexedDocument Document { get; init; }
    public required int Ordinal { get; init; }
    public required string Text { get; init; }
    public required string Locator { get; init; }
    public required string? Section { get; init; }
    public required TokenStream Tokens { get; init; }

    /// <summary>Dense position in the snapshot; postings refer to passages by it.</summary>
    public int Index { get; set; }

    /// <summary>Passages with the same folded text share a group, so a copy never crowds out other answers.</summary>
    public int DuplicateGroup { get; set; }

    /// <summary>Sorted distinct ids of the passage's bigrams and words: what near-duplicate detection compares.</summary>
    public int[] ContentTerms(TermDictionary terms) => contentTerms ??= ComputeContentTerms(terms);

    private int[] ComputeContentTerms(TermDictionary terms)
    {
        var set = new HashSet<int>();
        foreach (var id in Tokens.TermIds)
            if (terms.KindOf(id) is TokenKind.Bigram or TokenKind.Word)
                set.Add(id);
        var array = set.ToArray();
        Array.Sort(array);
        return array;
    }
}
