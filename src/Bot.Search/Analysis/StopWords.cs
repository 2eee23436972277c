namespace Bot.Search.Analysis;

/// <summary>
/// Words that carry the form of a question rather than its subject. They are taken out of questions (never out
/// of the indexed text), so "为什么 Schulman 离开 OpenAI" is searched as Schulman, 离开, OpenAI. They are matched
/// on whole SmartCn words, or runs of them (是不是), so a word that only contains one (目的, 了解) stays.
/// </summary>
internal static class StopWords
{
    /// <summary>Question words and function words.</summary>
    private static readonly HashSet<string> Chinese = new(StringComparer.Ordinal)
    {
        // question words
        "为什么", "为啥", "为何", "什么样", "什么", "怎么样", "怎么", "怎样", "如何", "哪些", "哪个", "哪里", "哪儿", "哪种",
        "是否", "是不是", "有没有", "能不能", "会不会", "可不可以", "要不要", "算不算", "对不对", "好不好", "到底", "究竟",
        "请问", "多少", "几个", "吗", "呢", "吧", "啊", "呀", "嘛", "哪", "谁", "么", "怎么办", "咋办", "咋样", "咋", "啥",
        "做什么", "干什么", "哪家", "哪位", "多大", "多久", "多长", "何时", "什么时候", "是谁", "有何", "如何看待", "怎么看",
        // pronouns, demonstratives and connectives
        "我们", "你们", "他们", "她们", "它们", "咱们", "这个", "那个", "这些", "那些", "这样", "那样", "这种", "那种",
        "一个", "一些", "一下", "以及", "或者", "而且", "但是", "因为", "所以", "如果", "可以", "应该", "能够",
        // single characters that are grammar, not subject
        "的", "了", "是", "在", "和", "与", "及", "或", "也", "都", "就", "还", "又", "很", "被", "把", "给", "让", "从",
        "向", "这", "那", "我", "你", "您", "他", "她", "它", "有", "没", "说", "会", "能", "要", "想", "得", "地", "着",
        "过", "之", "其", "而", "并", "等", "将", "去", "来", "个", "些", "用", "不",
    };

    private const int LongestChinese = 4;

    /// <summary>English question and function words, as <see cref="WordAnalyzer"/> stems them.</summary>
    private static readonly Lazy<HashSet<string>> English = new(() =>
    {
        string[] words =
        [
            "a", "an", "the", "is", "are", "was", "were", "be", "been", "am", "do", "does", "did", "what", "why", "how",
            "who", "whom", "which", "when", "where", "of", "to", "in", "on", "for", "with", "about", "and", "or", "it", "its",
            "this", "that", "these", "those", "he", "she", "they", "we", "you", "i", "me", "my", "his", "her", "their", "our",
            "your", "can", "could", "would", "should", "will", "shall", "may", "might", "there", "any", "some", "at", "by",
            "as", "from", "if", "than", "then", "so", "not", "no", "into", "s", "t", "up", "like", "something", "anything",
            "being", "get", "got", "make", "made", "still", "only", "even", "just", "also", "very", "much", "many", "more", "most",
            "really", "done", "doing", "here", "whether", "please", "tell", "think", "thing", "has", "have", "had",
        ];
        var analyzer = new WordAnalyzer();
        return words.SelectMany(w => AnalyzedToken.Read(analyzer, "text", w)).Select(t => t.Term).ToHashSet(StringComparer.Ordinal);
    });

    /// <summary>
    /// Which of a question's words (SmartCn tokens, in order) are stop words: a stop word may be one token or a run of
    /// adjacent ones, the longest match first.
    /// </summary>
    public static bool[] Mark(IReadOnlyList<AnalyzedToken> tokens)
    {
        var stop = new bool[tokens.Count];
        var i = 0;
        while (i < tokens.Count)
        {
            if (English.Value.Contains(tokens[i].Term))
            {
                stop[i++] = true;
                continue;
            }
            var run = LongestChineseRun(tokens, i);
            for (var k = 0; k < run; k++)
                stop[i + k] = true;
            i += Math.Max(run, 1);
        }
        return stop;
    }

    private static int LongestChineseRun(IReadOnlyList<AnalyzedToken> tokens, int first)
    {
        var joined = "";
        var longest = 0;
        for (var k = first; k < tokens.Count && joined.Length < LongestChinese; k++)
        {
            if (k > first && tokens[k].Start != tokens[k - 1].End)
                break;
            joined += tokens[k].Term;
            if (Chinese.Contains(joined))
                longest = k - first + 1;
        }
        return longest;
    }
}
