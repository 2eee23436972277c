namespace Bot.Search.Index;

/// <summary>
/// A passage's text and analysed tokens, shared by identical passages (copies of a file). The tokens stay
/// encoded until a question needs them (only a question's candidates ever do); the postings are built
/// straight from the encoding.
/// </summary>
internal sealed class PassageContent
{
    private readonly byte[] tokenBlob;
    private TokenStream? tokens;

    private PassageContent(string text, byte[] tokenBlob, int tokenCount)
    {
        Text = text;
        this.tokenBlob = tokenBlob;
        TokenCount = tokenCount;
    }

    public string Text { get; }

    /// <summary>How many tokens the passage has: its length for BM25.</summary>
    public int TokenCount { get; }

    public TokenStream Tokens => tokens ??= TokenStream.Decode(tokenBlob);

    public byte[] TokenBlob => tokenBlob;

    public static PassageContent FromStored(string text, byte[] tokenBlob, int tokenCount) => new(text, tokenBlob, tokenCount);

    /// <summary>Content from freshly analysed tokens whose term ids are mapped through <paramref name="mapping"/> to the store's.</summary>
    public static PassageContent FromTokens(string text, TokenStream local, int[] mapping) =>
        new(text, local.Encode(mapping), local.Count);

    /// <summary>The passage's term ids in text order, read from the encoding without decoding the rest.</summary>
    public TokenStream.TermIdReader TermIds() => new(tokenBlob);

    /// <summary>The passage's distinct term ids, ascending.</summary>
    public int[] DistinctTerms()
    {
        var reader = TermIds();
        var terms = new int[reader.Count];
        for (var i = 0; i < terms.Length; i++)
            terms[i] = reader.Next();
        Array.Sort(terms);
        var distinct = 0;
        for (var i = 0; i < terms.Length; i++)
            if (i == 0 || terms[i] != terms[i - 1])
                terms[distinct++] = terms[i];
        return terms[..distinct];
    }
}
