namespace Bot.Search.Analysis;

/// <summary>
/// Words that carry the form of a question rather than its subject. They are taken out of questions
/// (never out of the indexed text), so "为什么 Schulman 离开 OpenAI" is searched as Schulman, 离开, OpenAI.
/// </summary>
internal static class StopWords
{
    /// <summary>Question words and function words, removed wherever they occur in a question.</summary>
    private static readonly string[] ChineseWords =
    [
        // question words
        "为什么", "为啥", "为何", "什么样", "什么", "怎么样", "怎么", "怎样", "如何", "哪些", "哪个", "哪里", "哪儿", "哪种",
        "是否", "是不是", "有没有", "能不能", "会不会", "可不可以", "要不要", "算不算", "对不对", "好不好", "到底", "究竟",
        "请问", "多少", "几个", "吗", "呢", "吧", "啊", "呀", "嘛", "哪", "谁", "么", "怎么办", "咋办", "咋样", "咋", "啥",
        "做什么", "干什么", "哪家", "哪位", "多大", "多久", "多长", "何时", "什么时候", "是谁", "有何", "如何看待", "怎么看",
        // pronouns, demonstratives and connectives
        "我们", "你们", "他们", "她们", "它们", "咱们", "这个", "那个", "这些", "那些", "这样", "那样", "这种", "那种",
        "一个", "一些", "一下", "以及", "或者", "而且", "但是", "因为", "所以", "如果", "可以", "应该", "能够",
        // single characters that are grammar, not subject; words containing them are protected below
        "的", "了", "是", "在", "和", "与", "及", "或", "也", "都", "就", "还", "又", "很", "被", "把", "给", "让", "从",
        "向", "这", "那", "我", "你", "您", "他", "她", "它", "有", "没", "说", "会", "能", "要", "想", "得", "地", "着",
        "过", "之", "其", "而", "并", "等", "将", "去", "来", "吧", "个", "些", "用",
    ];

    /// <summary>Common words that contain one of the stop characters and must survive as written.</summary>
    private static readonly string[] ProtectedWords =
    [
        "目的", "的确", "了解", "为了", "除了", "于是", "就是", "还是", "总是", "而是", "只是", "可是", "正是",
        "现在", "存在", "正在", "在于", "实在", "潜在", "内在", "和平", "和谐", "参与", "也许", "成就", "还原", "被动",
        "把握", "从事", "从而", "方向", "倾向", "面向", "向量", "自我", "其他", "他人", "其它", "所有", "没有", "具有",
        "拥有", "有效", "有趣", "有用", "只有", "已有", "有限", "有关", "有益", "有助", "固有", "有害", "有利", "有意",
        "小说", "学说", "说明", "说服", "社会", "机会", "会议", "学会", "体会", "不会", "能力", "可能", "智能", "功能",
        "性能", "能量", "技能", "潜能", "本能", "才能", "能源", "需要", "重要", "主要", "要求", "要素", "只要", "必要",
        "想法", "思想", "理想", "想象", "设想", "获得", "得到", "取得", "值得", "觉得", "使得", "记得", "地方", "地区",
        "地位", "地球", "通过", "经过", "过程", "超过", "过去", "不过", "过度", "之间", "之前", "之后", "之一", "其中",
        "其实", "尤其", "然而", "平等", "等于", "将来", "未来", "来源", "原来", "后来", "本来", "起来", "个人", "个体",
        "使用", "应用", "作用", "有用", "用户", "费用", "利用", "采用", "合并", "并行", "给予", "让步", "那么",
    ];

    private static readonly HashSet<string> English = new(StringComparer.Ordinal)
    {
        "a", "an", "the", "is", "are", "was", "were", "be", "been", "am", "do", "doe", "does", "did", "what", "why", "how",
        "who", "whom", "which", "when", "where", "of", "to", "in", "on", "for", "with", "about", "and", "or", "it", "its",
        "this", "that", "these", "those", "he", "she", "they", "we", "you", "i", "me", "my", "his", "her", "their", "our",
        "your", "can", "could", "would", "should", "will", "shall", "may", "might", "there", "any", "some", "at", "by",
        "as", "from", "if", "than", "then", "so", "not", "no", "into", "s", "t", "up", "like", "something", "anything",
        "being", "get", "got", "make", "made", "still", "only", "even", "just", "also", "very", "much", "many", "more", "most",
        "really", "does", "done", "doing", "there", "here", "whether", "would", "please", "tell", "think", "thing",
    };

    private static readonly Dictionary<char, string[]> ChineseByFirstChar = BuildLookup(ChineseWords);
    private static readonly Dictionary<char, string[]> ProtectedByFirstChar = BuildLookup(ProtectedWords);

    public static bool IsEnglish(string word) => English.Contains(word);

    /// <summary>
    /// Splits the CJK run [start, end) of a question into content segments, dropping stop words. Words are
    /// matched longest first from left to right, so a protected word (未来, 了解) wins over the stop
    /// character inside it.
    /// </summary>
    public static List<(int Start, int End)> ContentSegments(string text, int start, int end)
    {
        var segments = new List<(int Start, int End)>();
        var segmentStart = start;
        var i = start;
        while (i < end)
        {
            var kept = LongestMatch(ProtectedByFirstChar, text, i, end);
            var stop = LongestMatch(ChineseByFirstChar, text, i, end);
            if (stop > 0 && stop > kept)
            {
                if (i > segmentStart)
                    segments.Add((segmentStart, i));
                i += stop;
                segmentStart = i;
            }
            else
            {
                i += Math.Max(kept, char.IsHighSurrogate(text[i]) && i + 1 < end ? 2 : 1);
            }
        }
        if (i > segmentStart)
            segments.Add((segmentStart, i));
        return segments;
    }

    private static int LongestMatch(Dictionary<char, string[]> lookup, string text, int index, int end)
    {
        if (!lookup.TryGetValue(text[index], out var candidates))
            return 0;
        foreach (var word in candidates)
            if (index + word.Length <= end && string.CompareOrdinal(text, index, word, 0, word.Length) == 0)
                return word.Length;
        return 0;
    }

    private static Dictionary<char, string[]> BuildLookup(string[] words) =>
        words.Distinct()
            .GroupBy(w => w[0])
            .ToDictionary(g => g.Key, g => g.OrderByDescending(w => w.Length).ToArray());
}
