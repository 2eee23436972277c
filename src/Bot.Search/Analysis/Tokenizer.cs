namespace Bot.Search.Analysis;

/// <summary>
/// Splits folded text into terms: Latin words whole (with their hyphenated parts), and every CJK run as
/// overlapping unigrams and bigrams, so that whole words and partial matches both count.
/// </summary>
internal static class Tokenizer
{
    /// <summary>Longer runs of letters are not words anyone searches for; they are cut so they cannot bloat the index.</summary>
    private const int MaxWordLength = 64;

    public static void Tokenize(NormalizedText text, ITokenSink sink)
    {
        TextRun? previous = null;
        foreach (var run in Runs(text.Text))
        {
            if (run.IsCjk)
            {
                EmitCjkRun(text, run.Start, run.End, sink);
            }
            else
            {
                EmitWord(text, run.Start, run.End, sink);
                if (IsSpacedPair(text.Text, previous, run))
                    EmitJoined(text, previous!.Value, run, sink);
            }
            previous = run;
        }
    }

    /// <summary>
    /// Two words with one space between them ("Open AI", "John Schulman"): their joined form is also a term,
    /// so the text matches however the name is spaced (OpenAI, JohnSchulman).
    /// </summary>
    public static bool IsSpacedPair(string s, TextRun? previous, TextRun run) =>
        previous is { IsCjk: false } p && !run.IsCjk && run.Start == p.End + 1 && s[p.End] == ' '
        && run.End - p.Start <= MaxWordLength;

    public static void EmitJoined(NormalizedText text, TextRun first, TextRun second, ITokenSink sink)
    {
        Span<char> joined = stackalloc char[MaxWordLength];
        var s = text.Text.AsSpan();
        s[first.Start..first.End].CopyTo(joined);
        s[second.Start..second.End].CopyTo(joined[(first.End - first.Start)..]);
        var length = first.End - first.Start + second.End - second.Start;
        Span<char> buffer = stackalloc char[MaxWordLength];
        sink.Add(EnglishStemmer.Stem(joined[..length], buffer), TokenKind.WordPart, text.SourceStart[first.Start], text.SourceEnd[second.End - 1]);
    }

    public static List<Token> Tokenize(string source)
    {
        var collector = new TokenCollector();
        Tokenize(NormalizedText.From(source), collector);
        return collector.Tokens;
    }

    /// <summary>The CJK runs and words of folded text, in order; everything else separates them.</summary>
    public static IEnumerable<TextRun> Runs(string s)
    {
        var i = 0;
        while (i < s.Length)
        {
            if (IsCjkAt(s, i))
            {
                var end = i;
                while (end < s.Length && IsCjkAt(s, end))
                    end += CharWidth(s, end);
                yield return new TextRun(i, end, IsCjk: true);
                i = end;
            }
            else if (CharClass.IsWordChar(s[i]))
            {
                var end = WordEnd(s, i);
                yield return new TextRun(i, end, IsCjk: false);
                i = end;
            }
            else
            {
                i++;
            }
        }
    }

    /// <summary>Unigrams and bigrams of the CJK run [start, end).</summary>
    private static void EmitCjkRun(NormalizedText text, int start, int end, ITokenSink sink)
    {
        var s = text.Text.AsSpan();
        var i = start;
        while (i < end)
        {
            var w1 = CharWidth(text.Text, i);
            sink.Add(s.Slice(i, w1), TokenKind.Unigram, text.SourceStart[i], text.SourceEnd[i + w1 - 1]);
            var next = i + w1;
            if (next < end)
            {
                var w2 = CharWidth(text.Text, next);
                sink.Add(s.Slice(i, w1 + w2), TokenKind.Bigram, text.SourceStart[i], text.SourceEnd[next + w2 - 1]);
            }
            i = next;
        }
    }

    /// <summary>The word [start, end) whole, then its hyphenated parts.</summary>
    public static void EmitWord(NormalizedText text, int start, int end, ITokenSink sink)
    {
        var s = text.Text;
        EmitTerm(text, start, end, TokenKind.Word, sink);
        if (s.AsSpan(start, end - start).IndexOfAny('-', '_') < 0)
            return;
        var partStart = start;
        for (var i = start; i <= end; i++)
        {
            if (i < end && s[i] is not ('-' or '_'))
                continue;
            if (i > partStart)
                EmitTerm(text, partStart, i, TokenKind.WordPart, sink);
            partStart = i + 1;
        }
    }

    private static int WordEnd(string s, int start)
    {
        var end = start;
        while (end < s.Length)
        {
            if (CharClass.IsWordChar(s[end]))
            {
                end++;
                continue;
            }
            // Connectors stay inside a word when a letter or digit follows: gpt-4, 3.5, node.js, don't.
            if (s[end] is '-' or '.' or '_' or '\'' && end + 1 < s.Length && CharClass.IsWordChar(s[end + 1]))
            {
                end++;
                continue;
            }
            // c++, c#, f#: a short word with a trailing language suffix.
            if (s[end] is '+' or '#' && end - start <= 2 && char.IsAsciiLetter(s[start]))
            {
                while (end < s.Length && s[end] is '+' or '#')
                    end++;
            }
            break;
        }
        return end;
    }

    private static void EmitTerm(NormalizedText text, int start, int end, TokenKind kind, ITokenSink sink)
    {
        Span<char> buffer = stackalloc char[MaxWordLength];
        var term = EnglishStemmer.Stem(text.Text.AsSpan(start, Math.Min(end - start, MaxWordLength)), buffer);
        sink.Add(term, kind, text.SourceStart[start], text.SourceEnd[end - 1]);
    }

    private static bool IsCjkAt(string s, int i) =>
        char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1])
            ? CharClass.IsCjk(char.ConvertToUtf32(s[i], s[i + 1]))
            : CharClass.IsCjk(s[i]);

    public static int CharWidth(string s, int i) => char.IsHighSurrogate(s[i]) && i + 1 < s.Length ? 2 : 1;
}

/// <summary>A maximal run of CJK characters, or one word, in folded text.</summary>
internal readonly record struct TextRun(int Start, int End, bool IsCjk);

/// <summary>Collects tokens as records, for queries and tests.</summary>
internal sealed class TokenCollector : ITokenSink
{
    public List<Token> Tokens { get; } = [];

    public void Add(ReadOnlySpan<char> term, TokenKind kind, int start, int end) => Tokens.Add(new Token(term.ToString(), kind, start, end));
}
