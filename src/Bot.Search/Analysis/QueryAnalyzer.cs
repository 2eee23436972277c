namespace Bot.Search.Analysis;

/// <summary>
/// Analyses a question with the same folding and tokenisation as the indexed text, minus the words that
/// only make it a question (什么, 为什么, 吗, what, how ...).
/// </summary>
public static class QueryAnalyzer
{
    /// <summary>Questions longer than this are cut: nobody's real question is, and it bounds the work per query.</summary>
    public const int MaxQueryLength = 512;

    private const float WordPartWeight = 0.3f;
    private const float UnigramWeight = 0.5f;

    public static AnalyzedQuery Analyze(string question)
    {
        var text = question.Length > MaxQueryLength ? question[..MaxQueryLength] : question;
        var normalized = NormalizedText.From(text);
        var segments = new List<QuerySegment>();
        foreach (var run in Tokenizer.Runs(normalized.Text))
        {
            if (!run.IsCjk)
            {
                AddWord(normalized, run, segments);
                continue;
            }
            foreach (var (start, end) in StopWords.ContentSegments(normalized.Text, run.Start, run.End))
                AddCjkSegment(normalized, start, end, segments);
        }
        return new AnalyzedQuery(question, segments);
    }

    private static void AddWord(NormalizedText text, TextRun run, List<QuerySegment> segments)
    {
        var tokens = new TokenCollector();
        Tokenizer.EmitWord(text, run.Start, run.End, tokens);
        var whole = tokens.Tokens[0].Term;
        var terms = new List<QueryTerm>();
        foreach (var token in tokens.Tokens)
        {
            if (StopWords.IsEnglish(token.Term) || (token.Kind == TokenKind.WordPart && token.Term == whole))
                continue;
            terms.Add(new QueryTerm(token.Term, token.Kind, token.Kind == TokenKind.Word ? 1f : WordPartWeight));
        }
        if (terms.Count > 0)
            segments.Add(new QuerySegment(whole, terms, IsCjk: false));
    }

    private static void AddCjkSegment(NormalizedText text, int start, int end, List<QuerySegment> segments)
    {
        var isSingleCharacter = end - start == Tokenizer.CharWidth(text.Text, start);
        var tokens = new TokenCollector();
        Tokenizer.EmitCjkRun(text, start, end, tokens, unigrams: isSingleCharacter, bigrams: !isSingleCharacter);
        var terms = tokens.Tokens
            .Select(t => new QueryTerm(t.Term, t.Kind, t.Kind == TokenKind.Unigram ? UnigramWeight : 1f))
            .ToList();
        segments.Add(new QuerySegment(text.Text[start..end], terms, IsCjk: true));
    }
}
