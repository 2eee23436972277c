using System.Collections.Concurrent;
using Lucene.Net.Analysis.Cn.Smart;
using Lucene.Net.Analysis.Cn.Smart.Hhmm;

namespace Bot.Search.Analysis;

/// <summary>
/// How common a word is in Chinese at large: its count in SmartCn's dictionary (built from a newspaper corpus),
/// which the segmenter reports with each word. 今天 and 喜欢 are common everywhere; 模型 is not, though it is
/// everywhere in a corpus about AI; a name the dictionary lacks counts 0.
/// </summary>
internal static class GeneralFrequency
{
    /// <summary>Words remembered; questions repeat their words, and segmenting one costs microseconds.</summary>
    private const int Remembered = 100_000;

    private static readonly ConcurrentDictionary<string, int> Known = new(StringComparer.Ordinal);

    /// <summary>The dictionary's count for a folded word, or 0 when it is not one of its words.</summary>
    public static int Of(string word)
    {
        if (Known.TryGetValue(word, out var known))
            return known;
        if (Known.Count >= Remembered)
            Known.Clear();
        return Known[word] = Segment(word);
    }

    private static int Segment(string word)
    {
        var tokens = new HHMMSegmenter().Process(word);
        var found = 0;
        var count = 0;
        foreach (var token in tokens)
        {
            if (token.WordType is WordType.SENTENCE_BEGIN or WordType.SENTENCE_END)
                continue;
            count++;
            found = token.Weight;
        }
        return count == 1 ? found : 0;
    }
}
