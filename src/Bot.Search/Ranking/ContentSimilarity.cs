using System.Collections.Concurrent;
using Bot.Search.Index;
using Lucene.Net.Index;
using Bot.Search.Analysis;
using Lucene.Net.Analysis.Cjk;
using Lucene.Net.Util;

namespace Bot.Search.Ranking;

/// <summary>
/// Tells passages that say the same thing: the share of the smaller passage's bigrams and words, weighted by IDF, that
/// the other also has. Rare shared terms count; the common vocabulary of a topic does not. Two transcripts are
/// parallel (one a translation of the other) when many passages of one have such a match in the other; between
/// parallel transcripts a lower share already marks the same content.
/// </summary>
internal sealed class ContentSimilarity(CorpusSearcher searcher)
{
    /// <summary>A passage is compared by its rarest terms only: they carry the weight, and it keeps comparisons cheap.</summary>
    private const int SignatureTerms = 256;

    private const double ParallelMatch = 0.25;
    private const double ParallelShare = 0.3;

    /// <summary>
    /// Below this many passages a transcript is never called a translation of another: one or two passages that share
    /// a topic's terms (two articles of the same template) are not evidence of it.
    /// </summary>
    private const int MinParallelPassages = 8;

    /// <summary>Passages of the smaller transcript tried, evenly spread: enough to tell a translation, cheap on first use.</summary>
    private const int ParallelSample = 24;

    /// <summary>Pairs remembered, so that passages that often come up together are compared once.</summary>
    private const int RememberedPairs = 200_000;

    private readonly ConcurrentDictionary<int, Signature> signatures = new();
    private readonly ConcurrentDictionary<(int, int), bool> parallel = new();
    private readonly ConcurrentDictionary<(int, int), double> pairs = new();
    private readonly ConcurrentDictionary<string, float> idf = new(StringComparer.Ordinal);

    public double Containment(int a, int b)
    {
        var key = a < b ? (a, b) : (b, a);
        if (pairs.TryGetValue(key, out var known))
            return known;
        var containment = ComputeContainment(a, b);
        if (pairs.Count >= RememberedPairs)
            pairs.Clear();
        pairs[key] = containment;
        return containment;
    }

    private double ComputeContainment(int a, int b)
    {
        var x = SignatureOf(a);
        var y = SignatureOf(b);
        if (x.Weight == 0 || y.Weight == 0)
            return 0;
        int i = 0, j = 0;
        double shared = 0;
        while (i < x.Terms.Length && j < y.Terms.Length)
        {
            if (x.Terms[i] == y.Terms[j]) { shared += x.Weights[i]; i++; j++; }
            else if (x.Terms[i] < y.Terms[j]) i++;
            else j++;
        }
        return shared / Math.Min(x.Weight, y.Weight);
    }

    /// <summary>Whether one transcript repeats the other's content (another translation of the same talk).</summary>
    public bool AreParallel(int fileA, int fileB)
    {
        var files = searcher.Files;
        if (files[fileA].Hash == files[fileB].Hash)
            return true;
        var key = fileA < fileB ? (fileA, fileB) : (fileB, fileA);
        return parallel.GetOrAdd(key, k => ComputeParallel(k.Item1, k.Item2));
    }

    private bool ComputeParallel(int fileA, int fileB)
    {
        var a = searcher.PassagesOf(fileA);
        var b = searcher.PassagesOf(fileB);
        var (small, large) = a.Count <= b.Count ? (a, b) : (b, a);
        if (small.Count < MinParallelPassages)
            return false;
        var sample = Math.Min(ParallelSample, small.Count);
        var matched = 0;
        // A translation keeps the order of the original: each sampled passage is compared with the passages around
        // the same place in the other transcript only, so that the test stays cheap on large transcripts.
        var window = Math.Max(3, large.Count / 4);
        for (var i = 0; i < sample; i++)
        {
            var at = i * small.Count / sample;
            var p = small[at];
            var around = at * large.Count / small.Count;
            for (var j = Math.Max(0, around - window); j <= Math.Min(large.Count - 1, around + window); j++)
            {
                if (ComputeContainment(p, large[j]) >= ParallelMatch)
                {
                    matched++;
                    break;
                }
            }
        }
        return matched >= sample * ParallelShare;
    }

    private Signature SignatureOf(int doc) => signatures.GetOrAdd(doc, ComputeSignature);

    /// <summary>
    /// The same for a term in every process: string.GetHashCode is randomised per process, and the hash breaks ties
    /// between equally rare terms, so which passages counted as duplicates could change from one restart to the next.
    /// </summary>
    private static int StableHash(string term) => StringHelper.Murmurhash3_x86_32(new BytesRef(term), 0);

    /// <summary>The passage's rarest bigrams and words (single characters say little of content), by IDF, sorted by hash.</summary>
    private Signature ComputeSignature(int doc)
    {
        var text = searcher.Passage(doc).Text;
        var reader = searcher.IndexReader;
        var n = Math.Max(1, searcher.PassageCount);
        var kept = AnalyzedToken.Read(QueryAnalyzer.Bigrams, PassageFields.Bigrams, text)
            .Where(t => t.Type != CJKBigramFilter.SINGLE_TYPE)
            .Select(t => t.Term)
            .Distinct()
            .Select(term => (Hash: StableHash(term), Weight: idf.GetOrAdd(term, t => (float)QueryPlan.Idf(n, reader.DocFreq(new Term(PassageFields.Bigrams, t))))))
            .OrderByDescending(w => w.Weight).ThenBy(w => w.Hash)
            .Take(SignatureTerms)
            .OrderBy(w => w.Hash)
            .ToArray();
        return new Signature(kept.Select(k => k.Hash).ToArray(), kept.Select(k => k.Weight).ToArray(), kept.Sum(k => k.Weight));
    }

    private sealed record Signature(int[] Terms, float[] Weights, double Weight);
}
