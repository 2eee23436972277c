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
    /// themselves is allocated. A large index is split into ranges of passages, one per processor, each counted
    /// and filled on its own thread into its own part of every term's list: it runs at start-up, over millions of
    /// tokens, and the scattered writes wait on memory.
    /// </remarks>
    public static Postings Build(IReadOnlyList<IndexedPassage> passages, int termCount)
    {
        var ranges = Math.Clamp(passages.Count / PassagesPerRange, 1, Environment.ProcessorCount);
        var starts = new int[ranges][];
        Parallel.For(0, ranges, r => starts[r] = Count(passages, Range(passages.Count, ranges, r), termCount));

        // Each range's count of a term becomes where its postings of that term start.
        var offsets = new int[termCount + 1];
        for (var t = 0; t < termCount; t++)
        {
            var at = offsets[t];
            foreach (var start in starts)
                (start[t], at) = (at, at + start[t]);
            offsets[t + 1] = at;
        }

        var postingPassages = new int[offsets[termCount]];
        var postingFrequencies = new ushort[offsets[termCount]];
        Parallel.For(0, ranges, r => Fill(passages, Range(passages.Count, ranges, r), starts[r], postingPassages, postingFrequencies));
        return new Postings(offsets, postingPassages, postingFrequencies);
    }

    private const int PassagesPerRange = 4096;

    private static (int From, int To) Range(int count, int ranges, int range) =>
        ((int)((long)count * range / ranges), (int)((long)count * (range + 1) / ranges));

    /// <summary>For each term, how many of the range's passages contain it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int[] Count(IReadOnlyList<IndexedPassage> passages, (int From, int To) range, int termCount)
    {
        var counts = new int[termCount];
        var last = new int[termCount];
        Array.Fill(last, -1);
        for (var p = range.From; p < range.To; p++)
        {
            var terms = passages[p].Content.TermIds();
            for (var i = 0; i < terms.Count; i++)
            {
                var t = terms.Next();
                if (last[t] != p)
                {
                    last[t] = p;
                    counts[t]++;
                }
            }
        }
        return counts;
    }

    /// <summary>Writes the range's postings from <paramref name="next"/> on; passages in order, so every list comes out sorted.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Fill(IReadOnlyList<IndexedPassage> passages, (int From, int To) range, int[] next, int[] postingPassages, ushort[] postingFrequencies)
    {
        // The slot of each term's latest posting, to count its repeats within the passage.
        var last = new int[next.Length];
        Array.Fill(last, -1);
        for (var p = range.From; p < range.To; p++)
        {
            var terms = passages[p].Content.TermIds();
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
    }
}
