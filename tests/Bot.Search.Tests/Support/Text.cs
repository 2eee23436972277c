using Bot.Search.Analysis;

namespace Bot.Search.Tests.Support;

internal static class Text
{
    /// <summary>Without white space, as the relevance measure compares passages.</summary>
    public static string Squeeze(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));

    /// <summary>Folded as the analyzers fold text (NFKC_Casefold, simplified).</summary>
    public static string Fold(string text) => ChineseFolding.Fold(text);
}
