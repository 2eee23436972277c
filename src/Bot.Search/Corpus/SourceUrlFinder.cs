using System.Text.RegularExpressions;

namespace Bot.Search.Corpus;

/// <summary>
/// Finds the original address a transcript names: a link after 来源, 原文, source and the like; failing
/// that, a link after a repost notice (出处, 转载自).
/// </summary>
internal static partial class SourceUrlFinder
{
    public static string? Find(IEnumerable<string> lines)
    {
        string? fallback = null;
        foreach (var line in lines)
        {
            var m = SourcePattern().Match(line);
            if (m.Success)
                return m.Groups["url"].Value.TrimEnd('.', ',', '。', '，', ')', '）');
            if (fallback is null && RepostPattern().Match(line) is { Success: true } r)
                fallback = r.Groups["url"].Value.TrimEnd('.', ',', '。', '，', ')', '）');
        }
        return fallback;
    }

    [GeneratedRegex(@"(?:来源|原文|原文链接|原文地址|原始链接|source|original|via|url)\s*[:：|｜]?\s*(?<url>https?://[^\s\p{IsCJKUnifiedIdeographs}，。）)""'<>]+)", RegexOptions.IgnoreCase)]
    private static partial Regex SourcePattern();

    [GeneratedRegex(@"(?:出处|转载自|转自|链接)\s*[:：|｜]?\s*(?<url>https?://[^\s\p{IsCJKUnifiedIdeographs}，。）)""'<>]+)", RegexOptions.IgnoreCase)]
    private static partial Regex RepostPattern();
}
