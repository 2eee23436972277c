using Bot.Search.Analysis;
using Bot.Search.Ranking;

namespace Bot.Search.Quoting;

/// <summary>
/// The question's words as a passage holds them: the search's highlights (where its terms' bigrams occur) snapped to
/// whole SmartCn words, so that no word is marked in part (强化学习, not 强化【学】习), and told apart into content words
/// and words common in any Chinese text (觉得, 今天), which are marked only beside a content word.
/// </summary>
internal static class MatchedWords
{
    /// <param name="tokens">The passage's SmartCn words (<see cref="QueryAnalyzer.Words"/>).</param>
    public static IReadOnlyList<MatchedWord> Find(string text, IReadOnlyList<AnalyzedToken> tokens, IReadOnlyList<TextSpan> highlights)
    {
        if (highlights.Count == 0)
            return [];
        var marked = new bool[text.Length];
        foreach (var span in highlights)
            Array.Fill(marked, true, Math.Clamp(span.Start, 0, text.Length), Math.Clamp(span.Length, 0, text.Length - Math.Clamp(span.Start, 0, text.Length)));

        var words = new List<MatchedWord>();
        foreach (var token in tokens)
        {
            var length = token.End - token.Start;
            var covered = 0;
            for (var i = token.Start; i < token.End; i++)
                covered += marked[i] ? 1 : 0;
            // Most of the word is the question's (大模型 for 模型), not one character of it (学 of 学习).
            if (!(covered == length || covered >= 2 && covered * 2 >= length))
                continue;
            // A joined word (john schulman) and its parts are one match.
            if (words.Count > 0 && token.Start < words[^1].Span.End)
            {
                var last = words[^1];
                var end = Math.Max(last.Span.End, token.End);
                words[^1] = last with { Span = new TextSpan(last.Span.Start, end - last.Span.Start), IsContent = last.IsContent || !CommonWords.Contains(token.Term) };
                continue;
            }
            words.Add(new MatchedWord(new TextSpan(token.Start, length), token.Term, !CommonWords.Contains(token.Term)));
        }
        // Common words matched side by side are a phrase of the question (强化学习, 人工智能): content, not a word alone.
        for (var i = 0; i < words.Count; i++)
        {
            var inRun = i > 0 && Touch(text, words[i - 1].Span, words[i].Span) || i + 1 < words.Count && Touch(text, words[i].Span, words[i + 1].Span);
            if (inRun && !words[i].IsContent)
                words[i] = words[i] with { IsContent = true };
        }
        return words;
    }

    /// <summary>What is shown in bold: the content words, side by side ones merged into one run.</summary>
    public static IReadOnlyList<TextSpan> Bold(string text, IReadOnlyList<MatchedWord> words)
    {
        var spans = new List<TextSpan>();
        foreach (var word in words.Where(w => w.IsContent))
        {
            var span = word.Span;
            if (spans.Count > 0 && Touch(text, spans[^1], span))
                spans[^1] = new TextSpan(spans[^1].Start, span.End - spans[^1].Start);
            else
                spans.Add(span);
        }
        return spans;
    }

    /// <summary>Whether two words stand side by side: nothing between them, or one space between Latin words (John Schulman).</summary>
    private static bool Touch(string text, TextSpan left, TextSpan right) =>
        right.Start == left.End
        || right.Start == left.End + 1 && text[left.End] == ' ' && char.IsAsciiLetterOrDigit(text[left.End - 1]) && char.IsAsciiLetterOrDigit(text[right.Start]);
}

/// <param name="Term">The word as analysed (folded, stemmed).</param>
/// <param name="IsContent">False for a word common in any Chinese text (觉得) that stands alone.</param>
internal readonly record struct MatchedWord(TextSpan Span, string Term, bool IsContent);
