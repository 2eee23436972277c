namespace Bot.Search.Index;

/// <summary>
/// A passage's text and analysed tokens, shared by identical passages (copies of a file). The tokens stay
/// encoded until a question needs them (only a question's candidates ever do), and the passage's distinct
/// terms, which build the postings, are stored apart from them so that loading the index reads no more.
/// </summary>
internal sealed class PassageContent
{
    private readonly byte[] tokenBlob;
    private readonly byte[] termBlob;
    private TokenStream? tokens;

    private PassageContent(string text, byte[] tokenBlob, byte[] termBlob, int tokenCount)
    {
        Text = text;
        this.tokenBlob = tokenBlob;
        this.termBlob = termBlob;
        TokenCount = tokenCount;
    }

    public string Text { get; }

    /// <summary>How many tokens the passage has: its length for BM25.</summary>
    public int TokenCount { get; }

    public TokenStream Tokens => tokens ??= TokenStream.Decode(tokenBlob);

    public byte[] TokenBlob => tokenBlob;

    public byte[] TermBlob => termBlob;

    public static PassageContent FromStored(string text, byte[] tokenBlob, byte[] termBlob, int tokenCount) =>
        new(text, tokenBlob, termBlob, tokenCount);

    /// <summary>Content from freshly analysed tokens whose term ids are mapped through <paramref name="mapping"/> to the store's.</summary>
    public static PassageContent FromTokens(string text, TokenStream local, int[] mapping)
    {
        var (terms, frequencies) = Distinct(local, mapping);
        return new PassageContent(text, local.Encode(mapping), EncodeTerms(terms, frequencies), local.Count);
    }

    /// <summary>The passage's distinct term ids, ascending, with how often each occurs.</summary>
    public (int[] Terms, ushort[] Frequencies) DistinctTerms()
    {
        var at = 0;
        var count = (int)Varint.Read(termBlob, ref at);
        var terms = new int[count];
        var frequencies = new ushort[count];
        var term = 0;
        for (var i = 0; i < count; i++)
        {
            term += (int)Varint.Read(termBlob, ref at);
            terms[i] = term;
            frequencies[i] = (ushort)Math.Min(ushort.MaxValue, Varint.Read(termBlob, ref at));
        }
        return (terms, frequencies);
    }

    private static (int[], ushort[]) Distinct(TokenStream tokens, int[] mapping)
    {
        var counts = new Dictionary<int, int>();
        foreach (var t in tokens.TermIds)
            counts[mapping[t]] = counts.GetValueOrDefault(mapping[t]) + 1;
        var terms = counts.Keys.ToArray();
        Array.Sort(terms);
        return (terms, Array.ConvertAll(terms, t => (ushort)Math.Min(ushort.MaxValue, counts[t])));
    }

    private static byte[] EncodeTerms(int[] terms, ushort[] frequencies)
    {
        var buffer = new byte[5 + terms.Length * 8];
        var at = Varint.Write(buffer, 0, (uint)terms.Length);
        var previous = 0;
        for (var i = 0; i < terms.Length; i++)
        {
            at = Varint.Write(buffer, at, (uint)(terms[i] - previous));
            at = Varint.Write(buffer, at, frequencies[i]);
            previous = terms[i];
        }
        return buffer[..at];
    }
}
