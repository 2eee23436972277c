using Bot.Search.Analysis;

namespace Bot.Search.Index;

/// <summary>Maps terms to dense ids and back. Lookups by span allocate nothing.</summary>
internal sealed class TermDictionary
{
    private readonly Dictionary<string, int> ids;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> spans;
    private readonly List<string> terms;
    private readonly List<TokenKind> kinds;

    public TermDictionary(int capacity = 1024)
    {
        ids = new Dictionary<string, int>(capacity, StringComparer.Ordinal);
        spans = ids.GetAlternateLookup<ReadOnlySpan<char>>();
        terms = new List<string>(capacity);
        kinds = new List<TokenKind>(capacity);
    }

    public int Count => terms.Count;

    public string this[int id] => terms[id];

    public TokenKind KindOf(int id) => kinds[id];

    public bool TryGetId(ReadOnlySpan<char> term, out int id) => spans.TryGetValue(term, out id);

    public int GetOrAdd(ReadOnlySpan<char> term, TokenKind kind)
    {
        if (spans.TryGetValue(term, out var id))
            return id;
        var text = term.ToString();
        id = terms.Count;
        ids.Add(text, id);
        terms.Add(text);
        kinds.Add(kind);
        return id;
    }

    /// <summary>Adds a term read back from the store, whose id must be the next one.</summary>
    public void AddStored(int id, string term, TokenKind kind)
    {
        if (id != terms.Count)
            throw new InvalidDataException($"The index's term table has a gap at id {id}; rebuild the index.");
        ids.Add(term, id);
        terms.Add(term);
        kinds.Add(kind);
    }
}
