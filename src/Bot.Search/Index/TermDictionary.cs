using Bot.Search.Analysis;

namespace Bot.Search.Index;

/// <summary>
/// Maps terms to dense ids and back. Lookups by span allocate nothing; the one- and two-character terms that
/// make up most Chinese text (unigrams, bigrams) are found by a packed integer key instead of a string hash.
/// </summary>
internal sealed class TermDictionary
{
    private readonly Dictionary<uint, int> packed;
    private readonly Dictionary<string, int> longer;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> longerBySpan;
    private readonly List<string> terms;
    private readonly List<TokenKind> kinds;

    public TermDictionary(int capacity = 1024)
    {
        packed = new Dictionary<uint, int>(capacity);
        longer = new Dictionary<string, int>(StringComparer.Ordinal);
        longerBySpan = longer.GetAlternateLookup<ReadOnlySpan<char>>();
        terms = new List<string>(capacity);
        kinds = new List<TokenKind>(capacity);
    }

    public int Count => terms.Count;

    public string this[int id] => terms[id];

    public TokenKind KindOf(int id) => kinds[id];

    public bool TryGetId(ReadOnlySpan<char> term, out int id) =>
        TryPack(term, out var key) ? packed.TryGetValue(key, out id) : longerBySpan.TryGetValue(term, out id);

    public int GetOrAdd(ReadOnlySpan<char> term, TokenKind kind)
    {
        if (TryGetId(term, out var id))
            return id;
        return Add(term.ToString(), kind);
    }

    /// <summary>Adds a term read back from the store, whose id must be the next one.</summary>
    public void AddStored(int id, string term, TokenKind kind)
    {
        if (id != terms.Count)
            throw new InvalidDataException($"The index's term table has a gap at id {id}; rebuild the index.");
        Add(term, kind);
    }

    private int Add(string term, TokenKind kind)
    {
        var id = terms.Count;
        if (TryPack(term, out var key))
            packed.Add(key, id);
        else
            longer.Add(term, id);
        terms.Add(term);
        kinds.Add(kind);
        return id;
    }

    /// <summary>A one- or two-character term (no surrogates) as one integer: the characters side by side.</summary>
    private static bool TryPack(ReadOnlySpan<char> term, out uint key)
    {
        key = 0;
        if (term.Length == 1 && !char.IsSurrogate(term[0]))
        {
            key = term[0];
            return true;
        }
        if (term.Length == 2 && !char.IsSurrogate(term[0]) && !char.IsSurrogate(term[1]))
        {
            key = (uint)term[0] << 16 | term[1];
            return true;
        }
        return false;
    }
}
