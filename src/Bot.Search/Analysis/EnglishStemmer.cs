namespace Bot.Search.Analysis;

/// <summary>
/// The lightest useful English stemming: plural and possessive endings, so that "transformers" finds
/// "transformer". Anything stronger mangles the names and acronyms these transcripts are full of.
/// </summary>
internal static class EnglishStemmer
{
    public static ReadOnlySpan<char> Stem(ReadOnlySpan<char> word, Span<char> buffer)
    {
        if (word.EndsWith("'s"))
            word = word[..^2];
        if (word.Length < 5 || !IsLetters(word))
            return word;
        if (word.EndsWith("ies") && word.Length > 5 && buffer.Length >= word.Length - 2)
        {
            word[..^3].CopyTo(buffer);
            buffer[word.Length - 3] = 'y';
            return buffer[..(word.Length - 2)];
        }
        if (word[^1] == 's' && word[^2] is not ('s' or 'u' or 'i'))
            return word[..^1];
        return word;
    }

    private static bool IsLetters(ReadOnlySpan<char> word)
    {
        foreach (var c in word)
            if (!char.IsAsciiLetterLower(c))
                return false;
        return true;
    }
}
