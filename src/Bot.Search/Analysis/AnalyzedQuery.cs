namespace Bot.Search.Analysis;

/// <summary>A question reduced to what can be matched: content segments and their terms.</summary>
public sealed class AnalyzedQuery
{
    public AnalyzedQuery(string text, IReadOnlyList<QuerySegment> segments)
    {
        Text = text;
        Segments = segments;
        Terms = segments.SelectMany(s => s.Terms).Select(t => t.Term).Distinct().ToArray();
    }

    /// <summary>The question as typed.</summary>
    public string Text { get; }

    /// <summary>Runs of content between stop words and punctuation, in question order.</summary>
    public IReadOnlyList<QuerySegment> Segments { get; }

    /// <summary>Every distinct term of the question.</summary>
    public IReadOnlyList<string> Terms { get; }

    public bool IsEmpty => Terms.Count == 0;
}

/// <summary>
/// One content segment of a question: a Latin word, or a run of CJK characters searched as its bigrams
/// (or its single character). Bigrams keep their order so phrase matches can be recognised.
/// </summary>
/// <param name="Concepts">The words of the segment: what the relevance threshold counts.</param>
public sealed record QuerySegment(string Text, IReadOnlyList<QueryTerm> Terms, bool IsCjk, IReadOnlyList<QueryConcept> Concepts);

/// <summary>A word of the question, and the terms a passage must contain for the word to be found in it.</summary>
public sealed record QueryConcept(string Word, IReadOnlyList<string> Terms);

/// <param name="IsBackoff">A character searched only so that a near-synonym partly matches (离 of 离开 finds
/// 离职): it counts a little towards the score and is not marked in the passage.</param>
public sealed record QueryTerm(string Term, TokenKind Kind, float Weight, bool IsBackoff = false);
