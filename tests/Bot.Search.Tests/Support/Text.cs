using Bot.Search.Analysis;

namespace Bot.Search.Tests.Support;

internal static class Text
{
    /// <summary>Without white space, as the relevance measure compares passages.</summary>
    public static string Squeeze(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));

    /// <summary>Folded as the analyzer folds text (NFKC, lower case, simplified).</summary>
    public static string Fold(string text) => NormalizedText.Fold(text);
}
