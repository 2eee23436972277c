namespace Bot.Search.Index;

/// <summary>
/// The inverted index: for each term, the passages containing it and how often, in one flat array
/// (compressed sparse rows), built from the passages' token streams.
/// </summary>
internal sealed class Postings
{
    private readonly int[] offsets;
    private readonly int[] passages;
    private readonly ushort[] frequencies;

    private Postings(int[] offsets, int[] passages, ushort[] frequencies)
    {
        this.offsets = offsets;
        this.passages = passages;
        this.frequencies = frequencies;
    }

    public int DocumentFrequency(int termId) => termId + 1 < offsets.Length ? offsets[termId + 1] - offsets[termId] : 0;

    public ReadOnlySpan<int> Passages(int termId) => termId + 1 < offsets.Length ? passages.AsSpan(offsets[termId], DocumentFrequency(termId)) : [];

    public ReadOnlySpan<ushort> Frequencies(int termId) => termId + 1 < offsets.Length ? frequencies.AsSpan(offsets[termId], DocumentFrequency(termId)) : [];

    public static Postings Build(IReadOnlyList<IndexedPassage> passageList, int termCount)
    {
        // Each passage's distinct terms with their frequencies; identical passages share their content, decoded once.
        var distinct = new (int[] Terms, ushort[] Frequencies)[passageList.Count];
        var byContent = new Dictionary<PassageContent, (int[], ushort[])>(ReferenceEqualityComparer.Instance);
        for (var p = 0; p < passageList.Count; p++)
        {
            var content = passageList[p].Content;
            if (!byContent.TryGetValue(content, out distinct[p]))
                byContent[content] = distinct[p] = content.DistinctTerms();
        }

        var offsets = new int[termCount + 1];
        foreach (var (passageTerms, _) in distinct)
            foreach (var t in passageTerms)
                offsets[t + 1]++;
        for (var t = 0; t < termCount; t++)
            offsets[t + 1] += offsets[t];

        // Passages are visited in order, so every term's list comes out sorted.
        var postingPassages = new int[offsets[termCount]];
        var postingFrequencies = new ushort[offsets[termCount]];
        var next = offsets[..termCount];
        for (var p = 0; p < distinct.Length; p++)
        {
            var (passageTerms, passageFrequencies) = distinct[p];
            for (var i = 0; i < passageTerms.Length; i++)
            {
                var at = next[passageTerms[i]]++;
                postingPassages[at] = p;
                postingFrequencies[at] = passageFrequencies[i];
            }
        }
        return new Postings(offsets, postingPassages, postingFrequencies);
    }
}
