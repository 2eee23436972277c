namespace Bot.Answers;

/// <summary>The words the quoted answers add (the 全文 button and the link to the moment), in one place for the resources.</summary>
internal static class QuoteLabels
{
    public const string Full = "全文";

    public const string NothingWhole = "这一页没有可以显示的段落了。";

    public static string WholeOf(string question) => $"「{question}」的段落全文（只有你看得到）：";

    /// <summary>The link to the original: "原文", or "原文 00:12:34" when it opens the video there.</summary>
    public static string Original(TimeSpan? start) =>
        start is { } time ? $"原文 {time:hh\\:mm\\:ss}" : "原文";
}
