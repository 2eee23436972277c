using System.Collections.Concurrent;
using Bot.Search.Analysis;
using Bot.Search.Index;

namespace Bot.Search.Ranking;

/// <summary>
/// Tells passages that say the same thing: the share of the smaller passage's words and bigrams, weighted by
/// IDF, that the other also has. Rare shared terms count; the common vocabulary of a topic does not. Two
/// transcripts are parallel (one a translation of the other) when many passages of one have such a match in
/// the other; between parallel transcripts a lower share already marks the same content.
/// </summary>
internal sealed class ContentSimilarity(IndexSnapshot snapshot)
{
    /// <summary>A passage is compared by its rarest terms only: they carry the weight, and it keeps comparisons cheap.</summary>
    private const int SignatureTerms = 256;

    private const double ParallelMatch = 0.25;
    private const double ParallelShare = 0.3;

    /// <summary>Passages of the smaller transcript tried, evenly spread: enough to tell a translation, cheap on first use.</summary>
    private const int ParallelSample = 24;

    /// <summary>Pairs remembered, so that passages that often come up together are compared once.</summary>
    private const int RememberedPairs = 200_000;

    private readonly Signature?[] signatures = new Signature?[snapshot.Passages.Length];
    private readonly ConcurrentDictionary<(string, string), bool> parallel = new();
    private readonly ConcurrentDictionary<(int, int), double> pairs = new();
    private float[]? idf;

    public double Containment(IndexedPassage a, IndexedPassage b)
    {
        var key = a.Index < b.Index ? (a.Index, b.Index) : (b.Index, a.Index);
        if (pairs.TryGetValue(key, out var known))
            return known;
        var containment = ComputeContainment(a, b);
        if (pairs.Count >= RememberedPairs)
            pairs.Clear();
        pairs[key] = containment;
        return containment;
    }

    private double ComputeContainment(IndexedPassage a, IndexedPassage b)
    {
        var x = SignatureOf(a);
        var y = SignatureOf(b);
        if (x.Weight == 0 || y.Weight == 0)
            return 0;
        var weights = Idf();
        int i = 0, j = 0;
        double shared = 0;
        while (i < x.Terms.Length && j < y.Terms.Length)
        {
            if (x.Terms[i] == y.Terms[j]) { shared += weights[x.Terms[i]]; i++; j++; }
            else if (x.Terms[i] < y.Terms[j]) i++;
            else j++;
        }
        return shared / Math.Min(x.Weight, y.Weight);
    }

    /// <summary>Whether one transcript repeats the other's content (another translation of the same talk).</summary>
    public bool AreParallel(IndexedDocument a, IndexedDocument b)
    {
        if (a.Hash == b.Hash)
            return true;
        var key = string.CompareOrdinal(a.Hash, b.Hash) < 0 ? (a.Hash, b.Hash) : (b.Hash, a.Hash);
        return parallel.GetOrAdd(key, _ => ComputeParallel(a, b));
    }

    private bool ComputeParallel(IndexedDocument a, IndexedDocument b)
    {
        var (small, large) = a.PassageCount <= b.PassageCount ? (a, b) : (b, a);
        var smallPassages = snapshot.PassagesOf(small);
        var largePassages = snapshot.PassagesOf(large);
        if (smallPassages.Length == 0)
            return false;
        var sample = Math.Min(ParallelSample, smallPassages.Length);
        var matched = 0;
        for (var i = 0; i < sample; i++)
        {
            var p = smallPassages[i * smallPassages.Length / sample];
            foreach (var q in largePassages)
            {
                if (ComputeContainment(p, q) >= ParallelMatch)
                {
                    matched++;
                    break;
                }
            }
        }
        return matched >= sample * ParallelShare;
    }

    private Signature SignatureOf(IndexedPassage passage) => signatures[passage.Index] ??= ComputeSignature(passage);

    private Signature ComputeSignature(IndexedPassage passage)
    {
        var weights = Idf();
        var terms = passage.Content.DistinctTerms()
            .Where(id => snapshot.Terms.KindOf(id) is TokenKind.Bigram or TokenKind.Word)
            .OrderByDescending(t => weights[t]).ThenBy(t => t).Take(SignatureTerms).ToArray();
        Array.Sort(terms);
        double weight = 0;
        foreach (var t in terms)
            weight += weights[t];
        return new Signature(terms, weight);
    }

    private float[] Idf()
    {
        if (idf is { } cached)
            return cached;
        var values = new float[snapshot.Terms.Count];
        for (var t = 0; t < values.Length; t++)
            values[t] = (float)QueryPlan.Idf(snapshot.Passages.Length, snapshot.Postings.DocumentFrequency(t));
        return idf = values;
    }

    private sealed record Signature(int[] Terms, double Weight);
}
