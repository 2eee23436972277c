using System.Runtime.CompilerServices;

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

    /// <remarks>
    /// Two passes over the passages' encoded term ids, counting then filling, so that nothing but the postings
    /// themselves is allocated. Optimised at once: it runs once, at start-up, over millions of tokens.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static Postings Build(IReadOnlyList<IndexedPassage> passageList, int termCount)
    {
        // The last passage each term was counted for, then the slot of its latest posting.
        var last = new int[termCount];
        Array.Fill(last, -1);
        var offsets = new int[termCount + 1];
        for (var p = 0; p < passageList.Count; p++)
        {
            var terms = passageList[p].Content.TermIds();
            for (var i = 0; i < terms.Count; i++)
            {
                var t = terms.Next();
                if (last[t] != p)
                {
                    last[t] = p;
                    offsets[t + 1]++;
                }
            }
        }
        for (var t = 0; t < termCount; t++)
            offsets[t + 1] += offsets[t];

        // Passages are visited in order, so every term's list comes out sorted.
        var postingPassages = new int[offsets[termCount]];
        var postingFrequencies = new ushort[offsets[termCount]];
        var next = offsets[..termCount];
        Array.Fill(last, -1);
        for (var p = 0; p < passageList.Count; p++)
        {
            var terms = passageList[p].Content.TermIds();
            for (var i = 0; i < terms.Count; i++)
            {
                var t = terms.Next();
                var at = last[t];
                if (at >= 0 && postingPassages[at] == p)
                {
                    if (postingFrequencies[at] < ushort.MaxValue)
                        postingFrequencies[at]++;
                }
                else
                {
                    last[t] = at = next[t]++;
                    postingPassages[at] = p;
                    postingFrequencies[at] = 1;
                }
            }
        }
        return new Postings(offsets, postingPassages, postingFrequencies);
    }
}
