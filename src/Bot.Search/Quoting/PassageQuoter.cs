using System.Text;
using System.Text.RegularExpressions;
using Bot.Search.Analysis;
using Bot.Search.Corpus;
using Bot.Search.Ranking;

namespace Bot.Search.Quoting;

/// <summary>
/// Quotes a passage around what answers: the one to three sentences that carry the most of the question's content
/// words (beside each other where they can be), within a length a reader takes in at a glance, with … where the
/// passage goes on. Above an interviewer's answer, the end of the question it answers.
/// </summary>
public static partial class PassageQuoter
{
    /// <summary>Characters a quote holds at most, as a reader counts them (<see cref="PassageQuote.ReaderLength"/>).</summary>
    public const int MaxLength = 360;

    private const int MaxSentences = 3;

    /// <summary>The most of a quote the interviewer's question above an answer may take.</summary>
    private const int QuestionLength = 100;

    public static PassageQuote Quote(string text, IReadOnlyList<TextSpan> highlights, int maxLength = MaxLength)
    {
        var tokens = WordsNear(text, highlights);
        var words = MatchedWords.Find(text, tokens, highlights);
        var bold = MatchedWords.Bold(text, words);
        var addsAnswer = words.Any(w => w.IsContent);
        if (PassageQuote.ReaderLength(text) <= maxLength)
            return new PassageQuote(text, bold, addsAnswer, IsWhole: true);

        var quote = new Quoting(text, tokens, words);
        var pieces = new List<(int Start, int End)>();
        var budget = maxLength;
        var answerStart = AnswerStart(text);
        if (answerStart > 0)
        {
            var question = quote.Tail(0, text.LastIndexOf('\n', answerStart - 1), Math.Min(QuestionLength, maxLength / 3) - 1);
            pieces.Add(question);
            budget -= PassageQuote.ReaderLength(text.AsSpan(question.Start, question.End - question.Start)) + (question.Start > 0 ? 1 : 0);
        }
        pieces.AddRange(quote.Sentences(answerStart, text.Length, budget - 2)); // the ellipses before and after
        return quote.Render(pieces, bold, addsAnswer);
    }

    /// <summary>
    /// SmartCn's words of the sentences that hold a highlight: the only ones a match can be in. SmartCn segments
    /// sentence by sentence anyway; the others are not segmented at all (a passage is up to 1,440 characters).
    /// </summary>
    private static List<AnalyzedToken> WordsNear(string text, IReadOnlyList<TextSpan> highlights)
    {
        var tokens = new List<AnalyzedToken>();
        if (highlights.Count == 0)
            return tokens;
        foreach (var (start, end) in SentenceSplitter.Spans(text))
        {
            if (!highlights.Any(h => h.Start < end && start < h.End))
                continue;
            foreach (var token in AnalyzedToken.Read(QueryAnalyzer.Words, "text", text[start..end]))
                tokens.Add(token with { Start = token.Start + start, End = token.End + start });
        }
        return tokens;
    }

    /// <summary>
    /// Where the answer starts in a passage that opens with the question it answers (an interview's turn, a question
    /// and its answer): after a first line whose last sentence asks something. 0 for other passages.
    /// </summary>
    private static int AnswerStart(string text)
    {
        var newline = text.IndexOf('\n');
        if (newline <= 0 || text.AsSpan(newline).IsWhiteSpace())
            return 0;
        var first = text.AsSpan(0, newline).TrimEnd();
        var tail = first.Length > 0 ? first[Math.Max(0, first.LastIndexOfAny('。', '！', '!') + 1)..] : first;
        return tail.IndexOfAny('？', '?') >= 0 ? newline + 1 : 0;
    }

    /// <summary>A speaker's label at the start of a line ("Ilya:", "主持人："): its name is not what a sentence says.</summary>
    [GeneratedRegex(@"(?m)^[\p{L}\p{N}·.' -]{1,30}?\s*[:：]")]
    internal static partial Regex Label();

    private static bool IsClauseMark(char c) => c is '，' or ',' or '、' or '；' or ';' or '：' or ':' or ' ' or '\u3000' or '。' or '！' or '？' or '!' or '?';

    /// <summary>One passage being quoted: its words, and the pieces of it chosen.</summary>
    private sealed class Quoting(string text, List<AnalyzedToken> tokens, IReadOnlyList<MatchedWord> words)
    {
        private readonly List<(int Start, int End)> labels = Label().Matches(text).Select(m => (m.Index, m.Index + m.Length)).ToList();

        /// <summary>The best sentences between <paramref name="from"/> and <paramref name="to"/>, as few runs of adjacent ones.</summary>
        public List<(int Start, int End)> Sentences(int from, int to, int budget)
        {
            var sentences = SentenceSplitter.Spans(text[from..to]).Select(s => (Start: s.Start + from, End: s.End + from)).ToList();
            if (sentences.Count == 0 || budget <= 0)
                return [];
            var terms = sentences.Select(TermsIn).ToList();
            var scores = terms.Select(Score).ToList();
            var best = Enumerable.Range(0, sentences.Count).MaxBy(i => (scores[i], -i));
            if (Length(sentences[best]) > budget)
                return [Around(sentences[best], budget)];

            var chosen = new SortedSet<int> { best };
            var used = Length(sentences[best]);
            var covered = new HashSet<string>(terms[best].Content);
            bool Fits(int i, bool adjacent) => used + Length(sentences[i]) + (adjacent ? 0 : 1) <= budget;
            while (chosen.Count < MaxSentences)
            {
                int before = chosen.Min - 1, after = chosen.Max + 1;
                var neighbours = new[] { after, before }.Where(i => i >= 0 && i < sentences.Count && scores[i] > 0 && Fits(i, true));
                var next = neighbours.Select(i => (int?)i).MaxBy(i => scores[i!.Value]);
                // Failing a neighbour that matches: a sentence further on with words the chosen ones lack.
                next ??= Enumerable.Range(0, sentences.Count)
                    .Where(i => !chosen.Contains(i) && terms[i].Content.Any(t => !covered.Contains(t)) && Fits(i, false))
                    .Select(i => (int?)i)
                    .MaxBy(i => (terms[i!.Value].Content.Count(t => !covered.Contains(t)), -i!.Value));
                // Failing that, a short quote reads better with the sentence after it.
                if (next is null && used < budget / 2)
                    next = new[] { after, before }.Where(i => i >= 0 && i < sentences.Count && Fits(i, true)).Select(i => (int?)i).FirstOrDefault();
                if (next is not { } n)
                    break;
                var adjacent = n == chosen.Min - 1 || n == chosen.Max + 1;
                chosen.Add(n);
                used += Length(sentences[n]) + (adjacent ? 0 : 1);
                covered.UnionWith(terms[n].Content);
            }

            var runs = new List<(int Start, int End)>();
            int? previous = null;
            foreach (var i in chosen)
            {
                if (previous == i - 1)
                    runs[^1] = (runs[^1].Start, sentences[i].End);
                else
                    runs.Add(sentences[i]);
                previous = i;
            }
            return runs;
        }

        /// <summary>The end of a stretch (a question above its answer), starting at a sentence or clause within <paramref name="budget"/>.</summary>
        public (int Start, int End) Tail(int from, int to, int budget)
        {
            while (to > from && char.IsWhiteSpace(text[to - 1]))
                to--;
            var start = to;
            for (var used = 0; start > from && used + (char.IsWhiteSpace(text[start - 1]) ? 0 : 1) <= budget; start--)
                used += char.IsWhiteSpace(text[start - 1]) ? 0 : 1;
            if (start == from)
                return (from, to);
            for (var i = start; i < to; i++)
                if (IsClauseMark(text[i]))
                    return (Skip(i + 1, to), to);
            return (WordStart(start, forward: true), to);
        }

        /// <summary>A sentence too long to show whole: the stretch of it around its first content word, cut at clause marks.</summary>
        private (int Start, int End) Around((int Start, int End) sentence, int budget)
        {
            budget -= 2; // the ellipses at both ends
            var first = words.Where(w => w.Span.Start >= sentence.Start && w.Span.End <= sentence.End).OrderBy(w => !w.IsContent).ThenBy(w => w.Span.Start)
                .Select(w => (int?)w.Span.Start).FirstOrDefault() ?? sentence.Start;
            // Some context before the word: from the first clause mark within a fifth of the budget before it.
            var start = first;
            for (var used = 0; start > sentence.Start && used < budget / 5; start--)
                used += char.IsWhiteSpace(text[start - 1]) ? 0 : 1;
            var clause = -1;
            for (var i = start; i < first; i++)
                if (IsClauseMark(text[i])) { clause = i; break; }
            start = clause >= 0 ? Skip(clause + 1, first) : start == sentence.Start ? start : WordStart(start, forward: true);

            var end = start;
            for (var used = 0; end < sentence.End && used + (char.IsWhiteSpace(text[end]) ? 0 : 1) <= budget; end++)
                used += char.IsWhiteSpace(text[end]) ? 0 : 1;
            if (end < sentence.End)
            {
                var cut = -1;
                for (var i = end - 1; i > start + (end - start) * 2 / 3; i--)
                    if (IsClauseMark(text[i])) { cut = i + 1; break; }
                end = cut > 0 ? cut : WordStart(end, forward: false);
            }
            return (start, end);
        }

        public PassageQuote Render(List<(int Start, int End)> pieces, IReadOnlyList<TextSpan> bold, bool addsAnswer)
        {
            var result = new StringBuilder();
            var shownBold = new List<TextSpan>();
            var at = 0;
            foreach (var (start, end) in pieces.Where(p => p.End > p.Start))
            {
                var gap = text.AsSpan(at, start - at);
                if (!gap.IsWhiteSpace())
                    result.Append(result.Length > 0 && gap.Contains('\n') ? "\n…" : "…");
                else if (result.Length > 0)
                    result.Append(gap.Contains('\n') ? "\n" : gap.Length > 0 ? " " : "");
                var offset = result.Length - start;
                result.Append(text, start, end - start);
                shownBold.AddRange(bold.Where(b => b.Start >= start && b.End <= end).Select(b => new TextSpan(b.Start + offset, b.Length)));
                at = end;
            }
            while (result.Length > 0 && char.IsWhiteSpace(result[^1]))
                result.Length--;
            if (!text.AsSpan(at).IsWhiteSpace())
                result.Append('…');
            return new PassageQuote(result.ToString(), shownBold, addsAnswer, IsWhole: false);
        }

        private int Length((int Start, int End) span) => PassageQuote.ReaderLength(text.AsSpan(span.Start, span.End - span.Start));

        private SentenceTerms TermsIn((int Start, int End) sentence)
        {
            var inside = words.Where(w => w.Span.Start >= sentence.Start && w.Span.End <= sentence.End && !InLabel(w.Span.Start)).ToList();
            return new SentenceTerms(
                inside.Where(w => w.IsContent).Select(w => w.Term).ToHashSet(StringComparer.Ordinal),
                inside.Where(w => !w.IsContent).Select(w => w.Term).Distinct(StringComparer.Ordinal).Count());
        }

        /// <summary>Distinct content words, and a little for common ones.</summary>
        private static double Score(SentenceTerms terms) => terms.Content.Count + 0.25 * terms.Common;

        private bool InLabel(int position) => labels.Any(l => position >= l.Start && position < l.End);

        private int Skip(int position, int limit)
        {
            while (position < limit && char.IsWhiteSpace(text[position]))
                position++;
            return position;
        }

        /// <summary>A position moved off the inside of a word: to the word's end going forward, to its start going back.</summary>
        private int WordStart(int position, bool forward)
        {
            foreach (var token in tokens)
                if (token.Start < position && position < token.End)
                    return forward ? token.End : token.Start;
            return position;
        }
    }

    private sealed record SentenceTerms(HashSet<string> Content, int Common);
}
