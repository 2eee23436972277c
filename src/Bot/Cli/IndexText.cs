using System.Text.RegularExpressions;
using Bot.Search.Index;

namespace Bot.Cli;

/// <summary>
/// What the index reports, in Chinese for the person at the terminal. The index library words its reasons and stages in
/// English for the operator's log; these are the same words, translated where they are shown.
/// </summary>
internal static partial class IndexText
{
    private static readonly Dictionary<string, string> Stages = new(StringComparer.Ordinal)
    {
        ["reading the corpus folder"] = "读取转录稿文件夹",
        ["opening the index for writing"] = "打开索引准备写入",
        ["reading the index"] = "读取索引",
        ["writing"] = "写入",
        ["committing"] = "提交",
        ["decoding"] = "解码",
        ["parsing"] = "解析",
        ["analysis"] = "分析",
    };

    /// <summary>Why a file was skipped; the English reason as it is when it is not one the index gives (it says more than nothing).</summary>
    public static string Reason(SkippedFile skipped)
    {
        var reason = skipped.Reason;
        if (reason.StartsWith("binary data (NUL bytes)", StringComparison.Ordinal))
            return "是二进制数据（含 NUL 字节），不是文本转录稿";
        if (reason.StartsWith("not valid UTF-8, UTF-16, GB18030 or Big5", StringComparison.Ordinal))
            return "不是有效的 UTF-8、UTF-16、GB18030 或 Big5 文本（二进制，或不支持的编码）";
        if (TooLarge().Match(reason) is { Success: true } large)
            return $"大于 {large.Groups[1].Value} MB（Corpus:MaxFileMegabytes），请拆成几份较小的转录稿";
        if (ByteOrderMark().Match(reason) is { Success: true } bom)
            return $"字节顺序标记说是 {bom.Groups[1].Value}，内容却不是有效的 {bom.Groups[1].Value}";
        if (Unreadable().Match(reason) is { Success: true } unreadable)
            return $"能按 {unreadable.Groups[1].Value} 解码，但不是可读的文字（二进制或编码错误）";
        if (Failed().Match(reason) is { Success: true } failed)
            return $"{Stage(failed.Groups[1].Value)}时出错（{failed.Groups[2].Value}）";
        if (CannotRead().Match(reason) is { Success: true } cannot)
            return $"读不出来（{cannot.Groups[1].Value}）";
        return reason;
    }

    /// <summary>An update that failed as a whole: at which stage, and for which file.</summary>
    public static string Failure(IndexingException e) =>
        $"{Stage(e.Stage)}{(e.File is null ? "" : $"「{e.File}」")}时出错：{e.InnerException?.Message}";

    private static string Stage(string stage) => Stages.TryGetValue(stage, out var chinese) ? chinese : stage;

    [GeneratedRegex(@"^larger than (\d+) MB")]
    private static partial Regex TooLarge();

    [GeneratedRegex(@"^declares (\S+) by its byte order mark")]
    private static partial Regex ByteOrderMark();

    [GeneratedRegex(@"^decodes as (\S+) but is not readable text")]
    private static partial Regex Unreadable();

    [GeneratedRegex(@"^failed during (\w+) \((.*)\)$")]
    private static partial Regex Failed();

    [GeneratedRegex(@"^cannot be read \((.*)\)$")]
    private static partial Regex CannotRead();
}
