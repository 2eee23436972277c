using System.Globalization;
using System.Reflection;

namespace Bot.Search.Analysis;

/// <summary>
/// General Chinese words with their frequencies (tools/generate-words.py, from the Android Pinyin IME's
/// dictionary). Splits a run of characters into its most probable words, so that a question's words can be
/// told from the accidental bigrams across them (天气 is a word; 今天天气's 天天 is not).
/// </summary>
internal sealed class Lexicon
{
    private const int MaxWordLength = 4;

    private static readonly Lazy<Lexicon> Shared = new(Load);

    private readonly Dictionary<string, double> logProbability;
    private readonly Dictionary<string, double>.AlternateLookup<ReadOnlySpan<char>> lookup;
    private readonly double unknownCharacter;

    private Lexicon(Dictionary<string, long> frequencies)
    {
        var total = (double)frequencies.Values.Sum() + frequencies.Count;
        logProbability = frequencies.ToDictionary(f => f.Key, f => Math.Log((f.Value + 1) / total), StringComparer.Ordinal);
        lookup = logProbability.GetAlternateLookup<ReadOnlySpan<char>>();
        unknownCharacter = Math.Log(0.5 / total);
    }

    public static Lexicon Instance => Shared.Value;

    /// <summary>How common the word is in Chinese at large (log probability); words it lacks count as rarer than any it has.</summary>
    public double LogProbability(string word) =>
        logProbability.TryGetValue(word, out var p) ? p : unknownCharacter;

    /// <summary>The most probable split of a run of CJK characters into words, as (start, length) pairs.</summary>
    public List<(int Start, int Length)> Segment(string text)
    {
        var n = text.Length;
        var best = new double[n + 1];
        var from = new int[n + 1];
        for (var end = 1; end <= n; end++)
        {
            best[end] = double.NegativeInfinity;
            for (var length = 1; length <= Math.Min(MaxWordLength, end); length++)
            {
                var start = end - length;
                double score;
                if (lookup.TryGetValue(text.AsSpan(start, length), out var p))
                    score = p;
                else if (length == 1)
                    score = unknownCharacter;
                else
                    continue;
                if (best[start] + score > best[end])
                {
                    best[end] = best[start] + score;
                    from[end] = start;
                }
            }
        }
        var words = new List<(int, int)>();
        for (var end = n; end > 0; end = from[end])
            words.Add((from[end], end - from[end]));
        words.Reverse();
        return words;
    }

    private static Lexicon Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("ChineseWords.txt")
            ?? throw new InvalidOperationException("The Chinese word list is not embedded in Bot.Search.");
        using var reader = new StreamReader(stream);
        var frequencies = new Dictionary<string, long>(70_000, StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            var tab = line.IndexOf('\t');
            if (tab > 0)
                frequencies[line[..tab]] = long.Parse(line.AsSpan(tab + 1), CultureInfo.InvariantCulture);
        }
        return new Lexicon(frequencies);
    }
}
