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

    /// <summary>Index in the source of the character that produced folded character i (the array may run past the text).</summary>
    public int[] SourceStart { get; }

    /// <summary>End (exclusive) in the source of the character that produced folded character i.</summary>
    public int[] SourceEnd { get; }

    public static NormalizedText From(string source)
    {
        var writer = new Writer(source.Length);
        for (var i = 0; i < source.Length; i++)
        {
            var c = source[i];
            if (c < 0x80)
            {
                writer.Add(c < ' ' ? ' ' : char.ToLowerInvariant(c), i, i + 1);
            }
            else if (c is >= '\u4E00' and <= '\u9FFF')
            {
                writer.Add(TraditionalChinese.Fold(c), i, i + 1);
            }
            else if (char.IsHighSurrogate(c) && i + 1 < source.Length && char.IsLowSurrogate(source[i + 1]))
            {
                foreach (var f in char.ConvertFromUtf32(TraditionalChinese.Fold(char.ConvertToUtf32(c, source[i + 1]))))
                    writer.Add(f, i, i + 2);
                i++;
            }
            else if (char.IsSurrogate(c) || CharClass.IsInvisible(c))
            {
                // Dropped: a lone surrogate, or a character that renders as nothing.
            }
            else if (char.IsControl(c))
            {
                writer.Add(' ', i, i + 1);
            }
            else if (CharClass.IsCjk(c) && c < 0xF900)
            {
                writer.Add(TraditionalChinese.Fold(c), i, i + 1);
            }
            else
            {
                foreach (var f in Nfkc(c))
                    writer.Add(char.ToLowerInvariant(TraditionalChinese.Fold(f)), i, i + 1);
            }
        }
        return writer.Build();
    }

    /// <summary>Collects folded characters with their source spans; grows only for the rare expanding character (㎏ → kg).</summary>
    private struct Writer(int capacity)
    {
        private char[] chars = new char[capacity + 4];
        private int[] starts = new int[capacity + 4];
        private int[] ends = new int[capacity + 4];
        private int count;

        public void Add(char c, int start, int end)
        {
            if (count == chars.Length)
            {
                Array.Resize(ref chars, chars.Length * 2);
                Array.Resize(ref starts, chars.Length);
                Array.Resize(ref ends, chars.Length);
            }
            chars[count] = c;
            starts[count] = start;
            ends[count] = end;
            count++;
        }

        public readonly NormalizedText Build() => new(new string(chars, 0, count), starts, ends);
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
