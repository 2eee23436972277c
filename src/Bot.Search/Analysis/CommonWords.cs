namespace Bot.Search.Analysis;

/// <summary>Words common in any Chinese text (觉得, 知道, 问题), by their count in SmartCn's dictionary.</summary>
internal static class CommonWords
{
    /// <summary>
    /// SmartCn's dictionary count (a newspaper corpus) from which a word is common in Chinese at large: 觉得, 知道, 认为,
    /// 问题, 公司 are above it; 模型, 芯片, 区别, 智能 and names the dictionary lacks below. Single characters use
    /// <see cref="QueryAnalyzer.RareCharacterFrequency"/>.
    /// </summary>
    internal const int Frequency = 300;

    /// <summary>Whether a folded word (a SmartCn token) is common; a bare number of one or two digits is, a year is not.</summary>
    public static bool Contains(string term)
    {
        if (!term.Any(IsHan))
            return term.All(char.IsAsciiDigit) && term.Length < 3;
        var frequency = GeneralFrequency.Of(term);
        return term.Length == 1 ? frequency >= QueryAnalyzer.RareCharacterFrequency : frequency >= Frequency;
    }

    private static bool IsHan(char c) => c is >= '\u4E00' and <= '\u9FFF' or >= '\u3400' and <= '\u4DBF';
}
