namespace Bot.Search.Analysis;

/// <summary>
/// Analyses a question with the same folding and tokenisation as the indexed text, minus the words that
/// only make it a question (什么, 为什么, 吗, what, how ...).
/// </summary>
public static class QueryAnalyzer
{
    /// <summary>Questions longer than this are cut: nobody's real question is, and it bounds the work per query.</summary>
    public const int MaxQueryLength = 512;

    public static AnalyzedQuery Analyze(string question) => Analyze(question, QueryWeights.Default);

    internal static AnalyzedQuery Analyze(string question, QueryWeights weights)
    {
        var text = question.Length > MaxQueryLength ? question[..MaxQueryLength] : question;
        var normalized = NormalizedText.From(text);
        var segments = new List<QuerySegment>();
        TextRun? previous = null;
        foreach (var run in Tokenizer.Runs(normalized.Text))
        {
            var before = previous;
            previous = run;
            if (!run.IsCjk)
            {
                AddWord(normalized, run, segments, weights);
                if (Tokenizer.IsSpacedPair(normalized.Text, before, run))
                    AddJoined(normalized, before!.Value, run, segments, weights);
                continue;
            }
            foreach (var (start, end) in StopWords.ContentSegments(normalized.Text, run.Start, run.End))
                AddCjkSegment(normalized, start, end, segments, weights);
        }
        return new AnalyzedQuery(question, segments);
    }

    private static void AddWord(NormalizedText text, TextRun run, List<QuerySegment> segments, QueryWeights weights)
    {
        var tokens = new TokenCollector();
        Tokenizer.EmitWord(text, run.Start, run.End, tokens);
        var whole = tokens.Tokens[0].Term;
        var terms = new List<QueryTerm>();
        foreach (var token in tokens.Tokens)
        {
            if (StopWords.IsEnglish(token.Term) || (token.Kind == TokenKind.WordPart && token.Term == whole))
                continue;
            terms.Add(new QueryTerm(token.Term, token.Kind, token.Kind == TokenKind.Word ? weights.Word : weights.WordPart));
        }
        if (terms.Count > 0)
            segments.Add(new QuerySegment(whole, terms, IsCjk: false, terms[0].Kind == TokenKind.Word ? [new QueryConcept(whole, [terms[0].Term])] : []));
    }

    /// <summary>"Open AI" also searches for "openai".</summary>
    private static void AddJoined(NormalizedText text, TextRun first, TextRun second, List<QuerySegment> segments, QueryWeights weights)
    {
        var tokens = new TokenCollector();
        Tokenizer.EmitJoined(text, first, second, tokens);
        var joined = tokens.Tokens[0].Term;
        if (!StopWords.IsEnglish(text.Text[first.Start..first.End]) && !StopWords.IsEnglish(text.Text[second.Start..second.End]))
            segments.Add(new QuerySegment(joined, [new QueryTerm(joined, TokenKind.WordPart, weights.Joined)], IsCjk: false, []));
    }

    /// <summary>A CJK segment: its bigrams, its characters, and its words (by the lexicon) as concepts.</summary>
    private static void AddCjkSegment(NormalizedText text, int start, int end, List<QuerySegment> segments, QueryWeights weights)
    {
        var segment = text.Text[start..end];
        var characters = new List<(int Start, int Width)>();
        for (var i = 0; i < segment.Length; i += Tokenizer.CharWidth(segment, i))
            characters.Add((i, Tokenizer.CharWidth(segment, i)));

        var terms = new List<QueryTerm>();
        var isSingleCharacter = characters.Count == 1;
        for (var c = 0; c < characters.Count; c++)
        {
            var (at, width) = characters[c];
            var character = segment.Substring(at, width);
            if (isSingleCharacter)
                terms.Add(new QueryTerm(character, TokenKind.Unigram, weights.SingleCharacter));
            else if (weights.CharacterBackoff > 0)
                terms.Add(new QueryTerm(character, TokenKind.Unigram, weights.CharacterBackoff, IsBackoff: true));
            if (c + 1 < characters.Count)
            {
                terms.Add(new QueryTerm(segment.Substring(at, width + characters[c + 1].Width), TokenKind.Bigram, weights.Bigram));
            }
        }

        var concepts = new List<QueryConcept>();
        foreach (var (wordStart, length) in Lexicon.Instance.Segment(segment))
        {
            var word = segment.Substring(wordStart, length);
            if (length == Tokenizer.CharWidth(word, 0))
            {
                if (isSingleCharacter)
                    concepts.Add(new QueryConcept(word, [word]));
                continue;
            }
            var bigrams = new List<string>();
            for (var i = 0; i + Tokenizer.CharWidth(word, i) < word.Length; i += Tokenizer.CharWidth(word, i))
            {
                var first = Tokenizer.CharWidth(word, i);
                bigrams.Add(word.Substring(i, first + Tokenizer.CharWidth(word, i + first)));
            }
            concepts.Add(new QueryConcept(word, bigrams));
        }
        segments.Add(new QuerySegment(segment, terms, IsCjk: true, concepts));
    }
}

/// <summary>How much each kind of question term counts, relative to a whole word.</summary>
internal sealed record QueryWeights
{
    public float Bigram { get; init; } = 1f;

    /// <summary>A Latin word, acronym or number (delve, FFmpeg, RLHF): in a Chinese question usually the key term.</summary>
    public float Word { get; init; } = 1.5f;

    /// <summary>A CJK character left alone between stop words (学 in 在学什么).</summary>
    public float SingleCharacter { get; init; } = 0.5f;

    /// <summary>Every character of a longer CJK segment, so 离开 partly matches 离职. 0 turns it off.</summary>
    public float CharacterBackoff { get; init; } = 0.3f;

    public float WordPart { get; init; } = 0.3f;

    /// <summary>Two spaced words joined (open ai → openai).</summary>
    public float Joined { get; init; } = 0.5f;

    public static QueryWeights Default { get; } = new();
}
