namespace Bot.Search.Corpus;

/// <summary>Splits text into sentences, each keeping its closing punctuation and quotes.</summary>
internal static class SentenceSplitter
{
    /// <summary>The sentences, with the white space before each: joined again they give back the text.</summary>
    public static List<string> Split(string text) =>
        Pieces(text).Where(p => !text.AsSpan(p.Start, p.End - p.Start).IsWhiteSpace()).Select(p => text[p.Start..p.End]).ToList();

    /// <summary>Where each sentence of <paramref name="text"/> starts and ends, white space around it left out.</summary>
    public static List<(int Start, int End)> Spans(string text)
    {
        var spans = new List<(int Start, int End)>();
        foreach (var (start, end) in Pieces(text))
        {
            var (s, e) = (start, end);
            while (s < e && char.IsWhiteSpace(text[s]))
                s++;
            while (e > s && char.IsWhiteSpace(text[e - 1]))
                e--;
            if (e > s)
                spans.Add((s, e));
        }
        return spans;
    }

    private static List<(int Start, int End)> Pieces(string text)
    {
        var sentences = new List<(int Start, int End)>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (!IsBoundary(text, i))
                continue;
            var end = i + 1;
            while (end < text.Length && (IsTerminal(text[end]) || IsCloser(text[end])))
                end++;
            Add(text, start, end, sentences);
            start = end;
            i = end - 1;
        }
        Add(text, start, text.Length, sentences);
        return sentences;
    }

    /// <summary>Splits one over-long sentence at clause marks (，、：), and failing that at a fixed length.</summary>
    public static IEnumerable<string> SplitClauses(string sentence, int maxLength)
    {
        var pieces = new List<string>();
        var start = 0;
        for (var i = 0; i < sentence.Length; i++)
        {
            if (sentence[i] is '，' or ',' or '、' or '：' or ':' && i - start >= maxLength / 3)
            {
                pieces.Add(sentence[start..(i + 1)]);
                start = i + 1;
            }
        }
        if (start < sentence.Length)
            pieces.Add(sentence[start..]);
        foreach (var piece in pieces)
        {
            for (var offset = 0; offset < piece.Length; offset += maxLength)
                yield return piece.Substring(offset, Math.Min(maxLength, piece.Length - offset));
        }
    }

    private static bool IsBoundary(string text, int i)
    {
        var c = text[i];
        if (c is '\n')
            return true;
        if (c is '。' or '！' or '？' or '；' or '…')
            return true;
        // Latin marks end a sentence only before a space or the end, so 3.5 and e.g. stay whole.
        if (c is '.' or '!' or '?' or ';')
            return i + 1 >= text.Length || char.IsWhiteSpace(text[i + 1]) || text[i + 1] > 0x2E80;
        return false;
    }

    private static bool IsTerminal(char c) => c is '。' or '！' or '？' or '!' or '?' or '…' or '.';

    private static bool IsCloser(char c) => c is '"' or '”' or '’' or '」' or '』' or ')' or '）' or '】' or '\'';

    private static void Add(string text, int start, int end, List<(int Start, int End)> sentences)
    {
        if (end > start)
            sentences.Add((start, end));
    }
}
