using Bot.Localization;

namespace Bot.Answers;

/// <summary>The words the quoted answers add (the 全文 button and the link to the moment), in the asker's language.</summary>
internal static class QuoteLabels
{
    public static string Full => Strings.FullText;

    public static string NothingWhole => Strings.NothingWhole;

    public static string WholeOf(string question) => string.Format(Strings.WholeOf, question);

    /// <summary>The link to the original: "原文", or "原文 00:12:34" when it opens the video there.</summary>
    public static string Original(TimeSpan? start) =>
        start is { } time ? $"{Strings.Original} {time:hh\\:mm\\:ss}" : Strings.Original;
}
