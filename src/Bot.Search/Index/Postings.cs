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
        // Pass 1: count the passages each term occurs in. lastSeen marks a term already counted for this passage.
        var lastSeen = new int[termCount];
        Array.Fill(lastSeen, -1);
        var counts = new int[termCount + 1];
        for (var p = 0; p < passageList.Count; p++)
        {
            foreach (var t in passageList[p].Tokens.TermIds)
            {
                if (lastSeen[t] == p)
                    continue;
                lastSeen[t] = p;
                counts[t]++;
            }
        }

        var offsets = new int[termCount + 1];
        for (var t = 0; t < termCount; t++)
            offsets[t + 1] = offsets[t] + counts[t];

        // Pass 2: fill. Passages are visited in order, so every term's list comes out sorted.
        var postingPassages = new int[offsets[termCount]];
        var frequencies = new ushort[offsets[termCount]];
        var next = new int[termCount];
        Array.Copy(offsets, next, termCount);
        Array.Fill(lastSeen, -1);
        for (var p = 0; p < passageList.Count; p++)
        {
            foreach (var t in passageList[p].Tokens.TermIds)
            {
                if (lastSeen[t] == p)
                {
                    ref var f = ref frequencies[next[t] - 1];
                    if (f < ushort.MaxValue)
                        f++;
                    continue;
                }
                lastSeen[t] = p;
                postingPassages[next[t]] = p;
                frequencies[next[t]] = 1;
                next[t]++;
            }
        }
        return new Postings(offsets, postingPassages, frequencies);
    }
}
