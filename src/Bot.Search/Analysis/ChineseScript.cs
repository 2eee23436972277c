using ICU4N.Text;

namespace Bot.Search.Analysis;

/// <summary>
/// Whether a Chinese text is written in traditional characters, by ICU's transforms: a character that
/// Traditional-Simplified changes is a traditional form (為, 離), one that Simplified-Traditional changes is a simplified
/// form (为, 离); the many characters both scripts share count for neither. A text with more traditional forms than
/// simplified ones is traditional, so a stray 乾 or 著 in simplified text does not turn it.
/// </summary>
public static class ChineseScript
{
    private static readonly Lazy<Transliterator> ToTraditional = new(() => Transliterator.GetInstance("Simplified-Traditional"));

    /// <summary>Loads ICU's Simplified-Traditional rules (a few hundred milliseconds), so that the first question does not wait for them.</summary>
    public static void Warm() => IsTraditional("预热");

    public static bool IsTraditional(string text)
    {
        var traditionalForms = Changed(text, TraditionalToSimplifiedCharFilter.Transform(text));
        return traditionalForms > 0 && traditionalForms > Changed(text, ToTraditional.Value.Transliterate(text));
    }

    /// <summary>Characters the transform changed (both transforms keep each character's length).</summary>
    private static int Changed(string text, string transformed)
    {
        var changed = 0;
        for (var i = 0; i < Math.Min(text.Length, transformed.Length); i++)
            if (text[i] != transformed[i])
                changed++;
        return changed;
    }
}
