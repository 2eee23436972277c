using ICU4N.Text;
using Lucene.Net.Analysis.CharFilters;

namespace Bot.Search.Analysis;

/// <summary>
/// Traditional Chinese to simplified, with ICU's "Traditional-Simplified" transform, as a char filter: ahead of the
/// tokenizer, so that SmartCn segments 為什麼離開 as it segments 为什么离开 (ICU's own <c>ICUTransformFilter</c> is a
/// token filter and would only see the single characters SmartCn cuts unknown traditional text into). ICU's rules
/// look at context (著名 stays, 顯著 becomes 显着), so the text is transformed whole; offsets stay exact because the
/// transform keeps every character's length, and are corrected character by character should it ever not.
/// </summary>
internal sealed class TraditionalToSimplifiedCharFilter(TextReader input) : BaseCharFilter(input)
{
    private static readonly Lazy<(Transliterator Transform, UnicodeSet Changes)> Shared = new(() =>
    {
        var transform = Transliterator.GetInstance("Traditional-Simplified");
        return (transform, transform.GetSourceSet().Freeze());
    });

    private string? output;
    private int position;

    /// <summary>Loads ICU's rules (a few hundred milliseconds), so that the first question does not wait for them.</summary>
    public static void Warm() => Transform("乾燥");

    public static string Transform(string text)
    {
        var (transform, changes) = Shared.Value;
        return changes.Span(text, 0, SpanCondition.NotContained) == text.Length ? text : transform.Transliterate(text);
    }

    public override int Read(char[] buffer, int index, int count)
    {
        output ??= Fold(m_input.ReadToEnd());
        var n = Math.Min(count, output.Length - position);
        if (n <= 0)
            return 0;
        output.CopyTo(position, buffer, index, n);
        position += n;
        return n;
    }

    private string Fold(string text)
    {
        var whole = Transform(text);
        if (whole.Length == text.Length)
            return whole;

        var folded = new System.Text.StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i += char.IsSurrogatePair(text, i) ? 2 : 1)
        {
            var source = text.Substring(i, char.IsSurrogatePair(text, i) ? 2 : 1);
            var target = Transform(source);
            folded.Append(target);
            if (target.Length != source.Length)
                AddOffCorrectMap(folded.Length, i + source.Length - folded.Length);
        }
        return folded.ToString();
    }
}
