using System.Text;

namespace Bot.Search.Analysis;

/// <summary>
/// Text folded for matching: NFKC (full-width to half-width), lower case, traditional to simplified Chinese,
/// invisible and control characters removed. Each folded character remembers the span of the source
/// character it came from, so matches can be shown where they are in the original text.
/// </summary>
internal sealed class NormalizedText
{
    private static readonly string?[] NfkcCache = new string?[0x10000];

    private NormalizedText(string text, int[] sourceStart, int[] sourceEnd)
    {
        Text = text;
        SourceStart = sourceStart;
        SourceEnd = sourceEnd;
    }

    public string Text { get; }

    /// <summary>Index in the source of the character that produced folded character i.</summary>
    public int[] SourceStart { get; }

    /// <summary>End (exclusive) in the source of the character that produced folded character i.</summary>
    public int[] SourceEnd { get; }

    public static NormalizedText From(string source)
    {
        var text = new StringBuilder(source.Length);
        var starts = new int[source.Length + 8];
        var ends = new int[source.Length + 8];
        var count = 0;

        void Append(char c, int start, int end)
        {
            if (count == starts.Length)
            {
                Array.Resize(ref starts, starts.Length * 2);
                Array.Resize(ref ends, ends.Length * 2);
            }
            text.Append(c);
            starts[count] = start;
            ends[count] = end;
            count++;
        }

        for (var i = 0; i < source.Length; i++)
        {
            var c = source[i];
            if (c < 0x80)
            {
                Append(c < ' ' ? ' ' : char.ToLowerInvariant(c), i, i + 1);
                continue;
            }
            if (char.IsHighSurrogate(c) && i + 1 < source.Length && char.IsLowSurrogate(source[i + 1]))
            {
                var folded = TraditionalChinese.Fold(char.ConvertToUtf32(c, source[i + 1]));
                var chars = char.ConvertFromUtf32(folded);
                foreach (var f in chars) Append(f, i, i + 2);
                i++;
                continue;
            }
            if (char.IsSurrogate(c) || CharClass.IsInvisible(c))
                continue;
            if (char.IsControl(c))
            {
                Append(' ', i, i + 1);
                continue;
            }
            if (CharClass.IsCjk(c) && c < 0xF900)
            {
                Append(TraditionalChinese.Fold(c), i, i + 1);
                continue;
            }
            foreach (var f in Nfkc(c))
                Append(char.ToLowerInvariant(TraditionalChinese.Fold(f)), i, i + 1);
        }

        Array.Resize(ref starts, count);
        Array.Resize(ref ends, count);
        return new NormalizedText(text.ToString(), starts, ends);
    }

    /// <summary>The folded text alone, for comparisons where offsets do not matter.</summary>
    public static string Fold(string source) => From(source).Text;

    private static string Nfkc(char c)
    {
        var cached = NfkcCache[c];
        if (cached is not null)
            return cached;
        var s = c.ToString();
        cached = s.IsNormalized(NormalizationForm.FormKC) ? s : s.Normalize(NormalizationForm.FormKC);
        NfkcCache[c] = cached;
        return cached;
    }
}
