using Lucene.Net.Analysis.Cjk;

namespace Bot.Search.Analysis;

/// <summary>
/// Analyses a question with the analyzers of the indexed text, minus the words that only make it a question
/// (什么, 为什么, 吗, what, how ...): SmartCn's words for the text and title fields, and the bigrams of each run of
/// content for the bigram fields, none straddling a question word.
/// </summary>
public static class QueryAnalyzer
{
    /// <summary>Questions longer than this are cut: nobody's real question is, and it bounds the work per query.</summary>
    public const int MaxQueryLength = 512;

    internal static WordAnalyzer Words { get; } = new();

    internal static BigramAnalyzer Bigrams { get; } = new();

    public static AnalyzedQuery Analyze(string question)
    {
        var text = question.Length > MaxQueryLength ? question[..MaxQueryLength] : question;
        var words = AnalyzedToken.Read(Words, "text", text);
        var stop = StopWords.Mark(words);
        var stopSpans = words.Where((_, i) => stop[i]).Select(t => (t.Start, t.End)).ToList();
        // A joined pair (open ai → openai) counts only when neither half is a stop word ("what is" is not a term).
        var content = words.Where((t, i) => !stop[i] && !stopSpans.Any(s => t.Start < s.End && s.Start < t.End)).ToList();

        var segments = new List<QuerySegment>();
        var grams = new List<AnalyzedToken>();
        foreach (var (start, end) in Regions(text.Length, stopSpans))
        {
            var region = AnalyzedToken.Read(Bigrams, "bigrams", text[start..end])
                .Select(t => t with { Start = t.Start + start, End = t.End + start })
                .ToList();
            segments.AddRange(Segments(text, region, content));
            grams.AddRange(region);
        }
        return new AnalyzedQuery(question, content.Select(t => t.Term).Distinct().ToList(), segments, Concepts(content, grams));
    }

    /// <summary>
    /// A bigram made of the last character of one word and the first of the next (天机 in 聊天机器人) says little of
    /// what the question asks, unless a side is a single character, which may be part of a name SmartCn cut up.
    /// </summary>
    private static bool BridgesWords(AnalyzedToken bigram, List<AnalyzedToken> words)
    {
        if (bigram.Type != CJKBigramFilter.DOUBLE_TYPE)
            return false;
        var first = words.FindIndex(w => w.Start <= bigram.Start && bigram.Start < w.End);
        var last = words.FindIndex(w => w.Start < bigram.End && bigram.End <= w.End);
        return first >= 0 && last >= 0 && first != last
            && words[first].End - words[first].Start >= 2 && words[last].End - words[last].Start >= 2;
    }

    /// <summary>The stretches of the question between its stop words, each analysed on its own so no bigram straddles one.</summary>
    private static IEnumerable<(int Start, int End)> Regions(int length, List<(int Start, int End)> stops)
    {
        var start = 0;
        foreach (var stop in stops)
        {
            if (stop.Start > start)
                yield return (start, stop.Start);
            start = Math.Max(start, stop.End);
        }
        if (length > start)
            yield return (start, length);
    }

    /// <summary>One region's bigram-field tokens grouped into runs: CJK characters that follow each other, or one Latin word.</summary>
    private static List<QuerySegment> Segments(string text, List<AnalyzedToken> grams, List<AnalyzedToken> words)
    {
        var segments = new List<QuerySegment>();
        var run = new List<AnalyzedToken>();
        foreach (var token in grams)
        {
            if (IsCjk(token))
            {
                if (run.Count > 0 && token.Position > run[^1].Position + 1)
                    Flush();
                run.Add(token);
                continue;
            }
            Flush();
            segments.Add(new QuerySegment(text[token.Start..token.End], [new QueryTerm(token.Term, QueryTermKind.Word)], IsCjk: false));
        }
        Flush();
        return segments;

        void Flush()
        {
            if (run.Count == 0)
                return;
            var hasBigrams = run.Any(t => t.Type == CJKBigramFilter.DOUBLE_TYPE);
            var terms = run.Select(t => new QueryTerm(t.Term,
                t.Type == CJKBigramFilter.DOUBLE_TYPE ? (BridgesWords(t, words) ? QueryTermKind.Bridge : QueryTermKind.Bigram)
                : hasBigrams ? QueryTermKind.Backoff : QueryTermKind.Character));
            segments.Add(new QuerySegment(text[run[0].Start..run[^1].End], terms.DistinctBy(t => t.Term).ToList(), IsCjk: true));
            run.Clear();
        }
    }

    /// <summary>
    /// The question's content words, each with the bigram-field terms inside it. Adjacent single CJK characters that are
    /// rare as words on their own are one word: what SmartCn cuts a name it does not know into (尼崎藩 as 尼, 崎, 藩).
    /// </summary>
    private static List<QueryConcept> Concepts(List<AnalyzedToken> content, List<AnalyzedToken> grams)
    {
        var concepts = new List<QueryConcept>();
        var i = 0;
        while (i < content.Count)
        {
            var start = content[i].Start;
            var end = content[i].End;
            var word = content[i].Term;
            var frequency = IsCjkText(word) ? GeneralFrequency.Of(word) : 0;
            var j = i + 1;
            if (IsSingleCjk(content[i]))
            {
                // A run of adjacent single characters with a rare one among them is a word SmartCn did not know
                // (拉诺米 as 拉, 诺, 米); a run of common ones is words of their own (只靠).
                var run = i;
                while (j < content.Count && IsSingleCjk(content[j]) && content[j].Start == content[j - 1].End)
                    j++;
                if (j > run + 1 && Enumerable.Range(run, j - run).Any(k => GeneralFrequency.Of(content[k].Term) < RareCharacterFrequency))
                {
                    word = string.Concat(Enumerable.Range(run, j - run).Select(k => content[k].Term));
                    end = content[j - 1].End;
                    frequency = 0;
                }
                else
                {
                    j = i + 1;
                }
            }
            i = j;

            // A Latin word is found by the bigram field's token for it, or for the word it is part of there (64dd for 64 dd).
            var inside = grams.Where(g => IsCjk(g) ? g.Start >= start && g.End <= end : g.Start < end && start < g.End).ToList();
            if (!IsCjkText(word) && inside.Any(g => g.Term == word))
                inside = inside.Where(g => g.Term == word).ToList();
            var terms = inside.Any(g => g.Type == CJKBigramFilter.DOUBLE_TYPE)
                ? inside.Where(g => g.Type == CJKBigramFilter.DOUBLE_TYPE)
                : inside;
            var list = terms.Select(g => g.Term).Distinct().ToList();
            if (list.Count > 0)
                concepts.Add(new QueryConcept(word, list, frequency));
        }
        return concepts;
    }

    private static bool IsSingleCjk(AnalyzedToken token) => token.Term.Length == 1 && IsCjkText(token.Term);

    /// <summary>SmartCn's count below which a single character is seldom a word by itself (崎, 藩; not 做, 才, 发).</summary>
    internal const int RareCharacterFrequency = 200;

    private static bool IsCjk(AnalyzedToken token) => token.Type is CJKBigramFilter.SINGLE_TYPE or CJKBigramFilter.DOUBLE_TYPE;

    private static bool IsCjkText(string s) => s.Length > 0 && char.GetUnicodeCategory(s, 0) == System.Globalization.UnicodeCategory.OtherLetter;
}
