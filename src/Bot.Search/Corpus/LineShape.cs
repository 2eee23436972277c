using System.Buffers;
using System.Text.RegularExpressions;

namespace Bot.Search.Corpus;

/// <summary>What a single line looks like: the evidence boilerplate removal and structure detection go by.</summary>
internal static partial class LineShape
{
    /// <summary>
    /// Words of page furniture rather than of a talk: copyright and repost notices, share and follow
    /// prompts, comment widgets, "related" and "popular" lists, ads. They only condemn short lines, lines
    /// with links, or lines at the edges of a document, never a paragraph of the body.
    /// </summary>
    private static readonly SearchValues<string> FurnitureWords = SearchValues.Create(
    [
        "版权", "转载", "侵权", "免责", "©", "copyright", "all rights reserved", "分享到", "分享至", "扫码", "扫一扫", "二维码",
        "关注我们", "关注微信", "公众号", "点赞", "收藏", "评论", "留言", "上一篇", "下一篇", "相关文章", "相关阅读", "相关推荐",
        "猜你喜欢", "热门", "推荐阅读", "延伸阅读", "阅读原文", "广告", "赞助", "责任编辑", "编辑:", "编辑：", "本文来源", "原标题",
        "点击", "订阅", "下载app", "登录", "注册", "返回顶部", "首页", "导航", "标签:", "标签：", "tags:", "share", "subscribe",
    ], StringComparison.OrdinalIgnoreCase);

    public static bool IsBlank(string line) => string.IsNullOrWhiteSpace(line);

    /// <summary>Ends like a sentence: the mark of running text rather than a label, link or menu item.</summary>
    public static bool EndsSentence(string line)
    {
        var t = line.TrimEnd();
        if (t.Length == 0)
            return false;
        var last = t[^1];
        if (last is '"' or '”' or '’' or '」' or '』' or ')' or '）' && t.Length > 1)
            last = t[^2];
        return last is '。' or '！' or '？' or '!' or '?' or '…' or '.' or '；' or ';' or '~' or '～';
    }

    public static bool HasFurnitureWords(string line) => line.AsSpan().ContainsAny(FurnitureWords);

    /// <summary>Share of the line taken by links (with or without a scheme).</summary>
    public static double LinkDensity(string line)
    {
        // Every link pattern has a dot in it; most lines of Chinese text have none.
        if (!line.Contains('.'))
            return 0;
        var linked = 0;
        foreach (Match m in UrlPattern().Matches(line))
            linked += m.Length;
        return line.Length == 0 ? 0 : (double)linked / line.Trim().Length;
    }

    /// <summary>A rule: dashes, equals signs, stars, box-drawing lines.</summary>
    public static bool IsSeparator(string line) => SeparatorPattern().IsMatch(line);

    /// <summary>A menu or list item of a web page: a bullet followed by a few words.</summary>
    public static bool IsBulletItem(string line) => BulletPattern().IsMatch(line) && line.Length <= 40 && !EndsSentence(line);

    /// <summary>Counters, dates and share counts: "评论(0)", "2 0 0", "2024-11-14", "1年前 (2023)".</summary>
    public static bool IsMetadata(string line)
    {
        var t = line.Trim();
        if (t.Length > 40)
            return false;
        int digits = 0, letters = 0;
        foreach (var c in t)
        {
            if (char.IsAsciiDigit(c))
                digits++;
            else if (char.IsLetter(c))
                letters++;
        }
        return (digits > 0 && digits >= letters) || CounterPattern().IsMatch(t) || DatePattern().IsMatch(t) && letters <= 12;
    }

    /// <summary>
    /// A date or a counter, never a title: "2024-11-14", "1年前 (2023)", "评论(0)", "2 0 0"; a title with a number in it
    /// ("64DD", "2004年", "2008年夏季奥运会") is neither.
    /// </summary>
    public static bool IsDateOrCounter(string line)
    {
        var t = line.Trim();
        if (t.Length > 40)
            return false;
        var digits = t.Count(char.IsAsciiDigit);
        var letters = t.Count(char.IsLetter);
        return DatePattern().IsMatch(t) && letters <= 12 || CounterPattern().IsMatch(t) || digits > letters && t.Contains(' ');
    }

    /// <summary>A bare section number ("1", "2.", "三、") that introduces the heading on the next line.</summary>
    public static bool IsSectionNumber(string line) => SectionNumberPattern().IsMatch(line.Trim());

    /// <summary>
    /// A tag cloud or keyword breadcrumb: many short space-separated chunks and no punctuation of running text.
    /// </summary>
    public static bool IsKeywordList(string line)
    {
        var t = line.Trim();
        if (t.Length < 30 || t.Contains('。') || t.Contains('，') || t.Contains(','))
            return false;
        var chunks = t.Split([' ', '\u3000', '\t'], StringSplitOptions.RemoveEmptyEntries);
        return chunks.Length >= 6 && chunks.Average(c => c.Length) <= 16 || t.Contains(" ... ");
    }

    /// <summary>A "label | value" or "label: value" credit line: 来源 | X, 翻译|Y, 作者:Z.</summary>
    public static bool IsCreditLine(string line)
    {
        var t = line.Trim();
        return t.Length <= 40 && !EndsSentence(t) && CreditPattern().IsMatch(t);
    }

    /// <summary>A credit line no body text looks like: "label | value", or a label only credits use (作者:, 翻译:).</summary>
    public static bool IsCertainCreditLine(string line)
    {
        if (!IsCreditLine(line))
            return false;
        var t = line.Trim();
        if (t.Contains('|') || t.Contains('｜'))
            return true;
        var label = t[..t.IndexOfAny([':', '：'])].Trim();
        return CreditLabels.Contains(label);
    }

    private static readonly HashSet<string> CreditLabels =
    [
        "作者", "来源", "翻译", "译者", "编译", "编辑", "责编", "责任编辑", "出品", "策划", "校对", "审校", "排版", "主编", "撰文", "文", "图",
        "原文", "出处", "发布时间", "发布", "时间", "日期", "整理", "制作", "监制", "摄影", "Author", "Source", "By",
    ];

    [GeneratedRegex(@"(?:https?://|www\.)[^\s\p{IsCJKUnifiedIdeographs}，。）)\]""'<>]+|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|cn|net|org|io|ai|co|me|info|tv|cc)(?:/[^\s\p{IsCJKUnifiedIdeographs}，。）)]*)?", RegexOptions.IgnoreCase)]
    private static partial Regex UrlPattern();

    [GeneratedRegex(@"^\s*[-—–=_*~·•━─═]+\s*$")]
    private static partial Regex SeparatorPattern();

    [GeneratedRegex(@"^\s*[•·▪►▶→◆◇○●■□]\s*\S")]
    private static partial Regex BulletPattern();

    [GeneratedRegex(@"^[\p{L}]{1,6}\s*[(（]\d+[)）]$")]
    private static partial Regex CounterPattern();

    [GeneratedRegex(@"\d{4}[-/.年]\d{1,2}[-/.月]?\d{0,2}|\d+\s*(?:年|个月|天|小时|分钟)前")]
    private static partial Regex DatePattern();

    [GeneratedRegex(@"^(?:\d{1,2}|[一二三四五六七八九十]{1,3})[.、)）]?$")]
    private static partial Regex SectionNumberPattern();

    [GeneratedRegex(@"^[\p{L}]{1,6}\s*[|｜:：]\s*\S")]
    private static partial Regex CreditPattern();
}
