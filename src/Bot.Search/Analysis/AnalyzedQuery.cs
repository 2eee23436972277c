namespace Bot.Search.Analysis;

/// <summary>A question reduced to what can be matched: its words, and its content segments as bigram-field terms.</summary>
public sealed class AnalyzedQuery
{
    public AnalyzedQuery(string text, IReadOnlyList<string> words, IReadOnlyList<QuerySegment> segments, IReadOnlyList<QueryConcept> concepts)
    {
        Text = text;
        Words = words;
        Segments = segments;
        Concepts = concepts;
        Terms = words.Concat(segments.SelectMany(s => s.Terms).Where(t => !t.IsBackoff).Select(t => t.Term)).Distinct().ToArray();
    }

    /// <summary>The question as typed.</summary>
    public string Text { get; }

    /// <summary>Its content words as SmartCn segments them: the terms of the text and title fields.</summary>
    public IReadOnlyList<string> Words { get; }

    /// <summary>Runs of content between stop words and punctuation, in question order, as terms of the bigram fields.</summary>
    public IReadOnlyList<QuerySegment> Segments { get; }

    /// <summary>The words the relevance threshold counts.</summary>
    public IReadOnlyList<QueryConcept> Concepts { get; }

    /// <summary>Every distinct term searched for (backoff characters aside).</summary>
    public IReadOnlyList<string> Terms { get; }

    public bool IsEmpty => Terms.Count == 0;
}

/// <summary>
/// One content segment of a question: a Latin word, or a run of CJK characters searched as its bigrams (or its
/// single character), in order so that phrase matches can be recognised.
/// </summary>
public sealed record QuerySegment(string Text, IReadOnlyList<QueryTerm> Terms, bool IsCjk);

/// <summary>
/// A word of the question and the bigram-field terms a passage must contain for the word to be found in it.
/// Adjacent single characters that SmartCn could not make a word of are one concept: usually a name (尼崎藩).
/// </summary>
/// <param name="GeneralFrequency">Its count in SmartCn's dictionary, see <see cref="Analysis.GeneralFrequency"/>.</param>
public sealed record QueryConcept(string Word, IReadOnlyList<string> Terms, int GeneralFrequency);

public enum QueryTermKind
{
    /// <summary>Two adjacent CJK characters.</summary>
    Bigram,

    /// <summary>Two adjacent CJK characters of two different words of the question (天机 in 聊天机器人).</summary>
    Bridge,

    /// <summary>A CJK character standing alone between stop words (学 in 在学什么).</summary>
    Character,

    /// <summary>A character of a longer segment, searched so that a near-synonym partly matches (离 of 离开 finds 离职).</summary>
    Backoff,

    /// <summary>A Latin word, acronym or number.</summary>
    Word,
}

public sealed record QueryTerm(string Term, QueryTermKind Kind)
{
    public bool IsBackoff => Kind == QueryTermKind.Backoff;
}
