using System.Text.RegularExpressions;
using Bot.Search.Analysis;

namespace Bot.Search.Corpus;

/// <summary>
/// A transcript's title and credit, by general rules: what it declares (front matter <c>title:</c>, a Markdown
/// <c># 标题</c>, a <c>标题：</c> line, a WebVTT <c>NOTE 标题：</c>); failing that its first line, unless that line is a
/// greeting or self-introduction, a date, menu or counter, or a fragment beginning mid-sentence; failing that the
/// first sentence that names the transcript's subject (its most frequent uncommon words), cut at about 40 characters;
/// failing that the file name without its hash. A host who introduces the channel and themselves (这里是X，我是Y) is
/// credited as "X · Y".
/// </summary>
internal static partial class TranscriptTitle
{
    public const int MaxLength = 40;

    /// <summary>Lines of a head of a transcript read for a declared title or a credit.</summary>
    private const int HeadLines = 20;

    /// <summary>Characters of a transcript read for its subject's words.</summary>
    private const int SubjectSample = 8000;

    /// <summary>The title a transcript declares, and the index of its line (blanked, so it is not read as text).</summary>
    public static string? Declared(string[] rawLines, bool markdown)
    {
        var first = Array.FindIndex(rawLines, l => !string.IsNullOrWhiteSpace(l));
        if (first >= 0 && rawLines[first].Trim() == "---")
        {
            var end = Array.FindIndex(rawLines, first + 1, l => l.Trim() == "---");
            if (end > first)
            {
                string? title = null;
                for (var i = first; i <= end; i++)
                {
                    if (title is null && FrontMatterTitle().Match(rawLines[i]) is { Success: true } m)
                        title = m.Groups["title"].Value.Trim().Trim('"', '\'');
                    rawLines[i] = "";
                }
                if (!string.IsNullOrWhiteSpace(title))
                    return Cut(title);
            }
        }
        var seen = 0;
        for (var i = 0; i < rawLines.Length && seen < HeadLines; i++)
        {
            var line = rawLines[i].Trim();
            if (line.Length == 0)
                continue;
            seen++;
            if (markdown && line.StartsWith("# ", StringComparison.Ordinal))
            {
                var inFence = false;
                return Cut(MarkdownText.Clean(line, ref inFence, out _, out _) ?? line[2..]);
            }
            if (TitleLine().Match(line) is { Success: true } labelled)
            {
                rawLines[i] = "";
                return Cut(labelled.Groups["title"].Value.Trim());
            }
        }
        return null;
    }

    /// <summary>A line as a title (without its speaker's label, cut to fit), or null when it cannot be one.</summary>
    public static string? FromLine(string line) => IsNotATitle(line) ? null : Cut(WithoutSpeaker(line.Trim()));

    /// <summary>
    /// Whether a line cannot be a title: a greeting or self-introduction, a date, menu or counter, or a fragment that
    /// begins in the middle of a sentence.
    /// </summary>
    public static bool IsNotATitle(string line)
    {
        var t = WithoutSpeaker(line.Trim());
        return t.Length == 0
            || Greeting().IsMatch(t)
            || t.Length <= MaxLength && SelfIntroduction().IsMatch(t)
            || LineShape.IsDateOrCounter(t) || LineShape.IsBulletItem(t) || LineShape.IsKeywordList(t) || LineShape.IsSeparator(t)
            || LineShape.HasFurnitureWords(t) && t.Length <= 60
            || LineShape.LinkDensity(t) >= 0.5
            || BeginsMidSentence(t);
    }

    /// <summary>
    /// The first sentence of <paramref name="texts"/> that names the subject: at least two of the transcript's five most
    /// frequent uncommon words (one, when it has only one), not a greeting or a fragment; cut to fit.
    /// </summary>
    public static string? SubjectSentence(IEnumerable<string> texts)
    {
        var sentences = new List<string>();
        var length = 0;
        foreach (var text in texts)
        {
            // Subtitle-like lines are joined by spaces: each line is a sentence of its own.
            foreach (var (start, end) in SentenceSplitter.Spans(LineJoin().Replace(text, "$1\n$2")))
            {
                sentences.Add(text[start..end]);
                length += end - start;
            }
            if (length >= SubjectSample)
                break;
        }
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var wordsOf = sentences.Select(s => WordsOf(WithoutSpeaker(s))).ToList();
        foreach (var word in wordsOf.SelectMany(w => w))
            counts[word] = counts.GetValueOrDefault(word) + 1;
        var subject = counts.Where(c => c.Value >= 2).OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal)
            .Take(5).Select(c => c.Key).ToHashSet(StringComparer.Ordinal);
        if (subject.Count == 0)
            return null;
        var needed = Math.Min(2, subject.Count);
        for (var i = 0; i < sentences.Count; i++)
        {
            var sentence = WithoutSpeaker(sentences[i].Trim());
            if (wordsOf[i].Count(subject.Contains) >= needed && !IsNotATitle(sentence) && !sentence.EndsWith('？') && !sentence.EndsWith('?'))
                return Cut(sentence);
        }
        return null;
    }

    /// <summary>"001_53503b6986c01682.txt" is titled "001"; a name without a hash stays whole.</summary>
    public static string FromFileName(string fileName)
    {
        var name = Path.GetFileNameWithoutExtension(fileName);
        var bare = FileHash().Replace(name, "").Trim('_', '-', ' ', '.');
        return bare.Length > 0 ? bare : name;
    }

    /// <summary>"这里是最佳拍档，我是大飞" in the head of a transcript: "最佳拍档 · 大飞".</summary>
    public static string? Credit(IEnumerable<string> head)
    {
        foreach (var line in head.Take(HeadLines))
        {
            var m = ChannelAndHost().Match(line);
            if (m.Success)
                return $"{m.Groups["channel"].Value} · {m.Groups["host"].Value}";
        }
        return null;
    }

    /// <summary>A title of at most about 40 characters: cut at a clause mark near the end, else at 40, with ….</summary>
    public static string Cut(string text)
    {
        var t = text.Trim().TrimEnd('。', '，', ',', '.', '；', ';', '：', ':');
        if (t.Length <= MaxLength)
            return t;
        var cut = MaxLength;
        for (var i = MaxLength - 1; i >= MaxLength / 2; i--)
        {
            if (t[i] is '，' or ',' or '、' or '；' or '：' or '(' or '（')
            {
                cut = i;
                break;
            }
        }
        if (char.IsHighSurrogate(t[cut - 1]))
            cut--;
        return t[..cut].TrimEnd() + "…";
    }

    private static string WithoutSpeaker(string text) => SpeakerPrefix().Match(text) is { Success: true } m ? text[m.Length..].Trim() : text;

    /// <summary>
    /// A run of text that starts with what continues a sentence: a mark (，以及…) or a particle no sentence starts with
    /// (的离任…); a short line is a name, whatever it starts with (于海).
    /// </summary>
    private static bool BeginsMidSentence(string text) =>
        text[0] is '，' or ',' or '、' or '；' or ';' or '：' or ')' or '）' or '」' or '』' or '”' or '…' or '。'
        || text.Length > 12 && (text[0] is '的' or '了' or '吗' or '呢' or '吧' or '啊' or '嘛' or '么'
            || char.IsAsciiLetterLower(text[0]) && char.IsAsciiLetterLower(text[1]));

    /// <summary>The words a sentence says its subject with: uncommon SmartCn words of two characters or more.</summary>
    private static HashSet<string> WordsOf(string sentence) =>
        AnalyzedToken.Read(QueryAnalyzer.Words, "text", sentence)
            .Select(t => t.Term)
            .Where(t => t.Length >= 2 && !CommonWords.Contains(t) && !t.All(char.IsAsciiDigit))
            .ToHashSet(StringComparer.Ordinal);

    [GeneratedRegex(@"(\p{IsCJKUnifiedIdeographs}) (\p{IsCJKUnifiedIdeographs})")]
    private static partial Regex LineJoin();

    [GeneratedRegex(@"^\s*title\s*:\s*(?<title>.+)$", RegexOptions.IgnoreCase)]
    private static partial Regex FrontMatterTitle();

    [GeneratedRegex(@"^(?:NOTE\s+)?(?:标题|題目|标 题|題名|题目|title)\s*[:：]\s*(?<title>\S.*)$", RegexOptions.IgnoreCase)]
    private static partial Regex TitleLine();

    [GeneratedRegex(@"^(?:大家好|大家晚上好|大家早上好|各位(?:观众|听众|朋友|同学)?(?:们)?(?:好|晚上好)|哈喽|嗨[，,\s]|你们好|您好|你好[，,！!]|hello\b|hi\b|hey\b|欢迎(?:收看|收听|观看|来到|回到|大家)|感谢(?:收看|收听|观看))", RegexOptions.IgnoreCase)]
    private static partial Regex Greeting();

    [GeneratedRegex(@"这里是|(?:^|[，,。！!\s])我(?:是|叫)[^，,。！!？?]{1,8}(?:[，,。！!]|$)")]
    private static partial Regex SelfIntroduction();

    [GeneratedRegex(@"这里是\s*[「《“""]?(?<channel>[^，,。！!？?\s」》”""]{2,12}?)[」》”""]?\s*[，,。！!、\s]\s*(?:我是|我叫)(?<host>[^，,。！!？?\s]{1,8})")]
    private static partial Regex ChannelAndHost();

    [GeneratedRegex(@"^[\p{L}·.' -]{1,20}?\s*[:：]\s*(?=\S)")]
    private static partial Regex SpeakerPrefix();

    [GeneratedRegex(@"[_-]?[0-9a-f]{8,}(?=$|[_-])", RegexOptions.IgnoreCase)]
    private static partial Regex FileHash();
}
