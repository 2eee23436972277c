namespace Bot.Search.Analysis;

internal static class CharClass
{
    /// <summary>Han ideographs, kana and hangul: scripts written without spaces, indexed as n-grams.</summary>
    public static bool IsCjk(int c) =>
        c is >= 0x4E00 and <= 0x9FFF          // CJK unified ideographs
            or >= 0x3400 and <= 0x4DBF        // extension A
            or >= 0x3040 and <= 0x30FF        // hiragana, katakana
            or >= 0xAC00 and <= 0xD7AF        // hangul syllables
            or >= 0xF900 and <= 0xFAFF        // compatibility ideographs
            or >= 0x20000 and <= 0x3134F;     // extensions B to G

    public static bool IsWordChar(char c) => char.IsAsciiLetterOrDigit(c) || (c > 0x7F && char.IsLetterOrDigit(c) && !IsCjk(c));

    /// <summary>Characters that render as nothing or reorder text: dropped before matching and display.</summary>
    public static bool IsInvisible(char c) =>
        c is >= '\u200B' and <= '\u200F'      // zero-width space, joiners, direction marks
            or >= '\u202A' and <= '\u202E'    // direction embeddings and overrides
            or >= '\u2060' and <= '\u206F'    // word joiner, invisible operators, isolates
            or '\uFEFF' or '\u00AD' or '\u034F' or '\u180E';
}
