namespace Bot.Search.Index;

/// <summary>
/// An immutable, searchable view of the index: documents, passages, terms and postings. A new snapshot is
/// built when the corpus changes and swapped in whole, so questions never see a half-updated index.
/// </summary>
internal sealed class IndexSnapshot
{
    private IndexSnapshot(TermDictionary terms, IReadOnlyList<IndexedDocument> documents, IndexedPassage[] passages, long generation)
    {
        Terms = terms;
        Documents = documents;
        Passages = passages;
        Generation = generation;
        Postings = Postings.Build(passages, terms.Count);
        long total = 0;
        foreach (var p in passages)
            total += p.Content.TokenCount;
        AverageLength = passages.Length == 0 ? 1 : (float)total / passages.Length;
        DocumentIndex = new int[passages.Length];
        IsRepresentative = new bool[passages.Length];
        var documentIndex = new Dictionary<IndexedDocument, int>(ReferenceEqualityComparer.Instance);
        for (var d = 0; d < documents.Count; d++)
            documentIndex[documents[d]] = d;
        for (var i = 0; i < passages.Length; i++)
        {
            if (i == 0 || !ReferenceEquals(passages[i].Document, passages[i - 1].Document))
                firstPassage[passages[i].Document] = i;
            DocumentIndex[i] = documentIndex[passages[i].Document];
            IsRepresentative[i] = passages[i].DuplicateGroup == i;
        }
        Similarity = new Ranking.ContentSimilarity(this);
    }

    /// <summary>For each passage, the index of its document in <see cref="Documents"/> (dense, for the hot loop).</summary>
    public int[] DocumentIndex { get; }

    /// <summary>For each passage, whether it is the first of its identical copies (the only one that competes).</summary>
    public bool[] IsRepresentative { get; }

    /// <summary>The index of the document with this file name, or -1.</summary>
    public int FindDocument(string source)
    {
        for (var i = 0; i < Documents.Count; i++)
            if (Documents[i].Source.Equals(source, StringComparison.OrdinalIgnoreCase))
                return i;
        return -1;
    }

    private readonly Dictionary<IndexedDocument, int> firstPassage = new(ReferenceEqualityComparer.Instance);

    /// <summary>Tells passages apart from near-duplicates; caches per snapshot.</summary>
    public Ranking.ContentSimilarity Similarity { get; }

    /// <summary>The passages of one document, in order (they are stored together).</summary>
    public ReadOnlySpan<IndexedPassage> PassagesOf(IndexedDocument document) =>
        firstPassage.TryGetValue(document, out var first) ? Passages.AsSpan(first, document.PassageCount) : [];

    public TermDictionary Terms { get; }
    public IReadOnlyList<IndexedDocument> Documents { get; }
    public IndexedPassage[] Passages { get; }
    public Postings Postings { get; }
    public float AverageLength { get; }

    /// <summary>BM25's k1 × (1 − b + b × length / average length) for every passage, computed once per snapshot.</summary>
    public float[] LengthNorm(float k1, float b)
    {
        var cached = lengthNorm;
        if (cached is not null && cached.K1 == k1 && cached.B == b)
            return cached.Values;
        var values = new float[Passages.Length];
        for (var i = 0; i < values.Length; i++)
            values[i] = k1 * (1 - b + b * Passages[i].Content.TokenCount / AverageLength);
        lengthNorm = new LengthNormCache(k1, b, values);
        return values;
    }

    private LengthNormCache? lengthNorm;

    private sealed record LengthNormCache(float K1, float B, float[] Values);

    /// <summary>The store's change counter this snapshot reflects.</summary>
    public long Generation { get; }

    public static IndexSnapshot Empty { get; } = new(new TermDictionary(), [], [], 0);

    /// <param name="passages">The documents' passages, document by document in the order of <paramref name="documents"/>.</param>
    public static IndexSnapshot Create(TermDictionary terms, IReadOnlyList<IndexedDocument> documents, List<IndexedPassage> passages, long generation)
    {
        var groups = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < passages.Count; i++)
        {
            if (passages[i].IsPlaced)
                passages[i] = passages[i].Unplaced();
            passages[i].Place(i, GroupOf(groups, passages[i].Text, i));
        }
        return new IndexSnapshot(terms, documents, [.. passages], generation);
    }

    /// <summary>
    /// This snapshot with a change applied: documents removed or replaced, new ones added, everything else
    /// kept as it is (passages are not read back from the store).
    /// </summary>
    public IndexSnapshot With(AppliedChange change)
    {
        var replaced = change.Removed.Concat(change.Added.Select(a => a.Document.Source)).ToHashSet(StringComparer.Ordinal);
        var kept = Documents.Where(d => !replaced.Contains(d.Source)).Select(d => (d, (IReadOnlyList<IndexedPassage>)PassagesOf(d).ToArray()));
        var all = kept.Concat(change.Added.Select(a => (a.Document, a.Passages))).OrderBy(x => x.Item1.Source, StringComparer.Ordinal).ToList();
        return Create(change.Terms, [.. all.Select(x => x.Item1)], [.. all.SelectMany(x => x.Item2)], change.Generation);
    }

    private static int GroupOf(Dictionary<string, int> groups, string text, int index) =>
        groups.TryAdd(text, index) ? index : groups[text];
}
