using Lucene.Net.Analysis.Icu;

namespace Bot.Search.Analysis;

/// <summary>
/// The folding every analyzer here starts with, as char filters: ICU's NFKC_Casefold (full-width to half-width, lower
/// case, invisible characters such as zero-width spaces and direction overrides removed), then traditional to simplified.
/// </summary>
internal static class ChineseFolding
{
    public static TextReader Wrap(TextReader reader) =>
        new TraditionalToSimplifiedCharFilter(new ICUNormalizer2CharFilter(reader));

    /// <summary>The folded form of a text, as the analyzers see it.</summary>
    public static string Fold(string text)
    {
        using var reader = Wrap(new StringReader(text));
        return reader.ReadToEnd();
    }
}
