namespace Bot.Search.Analysis;

public enum TokenKind : byte
{
    /// <summary>A Latin word, acronym, number or version, kept whole (rlhf, gpt-4, 2030).</summary>
    Word,
    /// <summary>A part of a hyphenated word (gpt and 4 of gpt-4), so either half also matches.</summary>
    WordPart,
    /// <summary>One CJK character.</summary>
    Unigram,
    /// <summary>Two adjacent CJK characters: the unit that carries most of the meaning in Chinese text.</summary>
    Bigram,
}
