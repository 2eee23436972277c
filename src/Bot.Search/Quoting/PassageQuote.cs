using Bot.Search.Ranking;

namespace Bot.Search.Quoting;

/// <summary>What is shown of a passage: the sentences that answer, with … where the passage goes on.</summary>
/// <param name="Text">The quote, as plain text (… marks what was left out).</param>
/// <param name="Bold">The matched words in <see cref="Text"/> that are shown in bold, in order.</param>
/// <param name="AddsAnswer">Whether the passage holds a matched content word, not only words common everywhere.</param>
/// <param name="IsWhole">Whether the quote is the whole passage.</param>
public sealed record PassageQuote(string Text, IReadOnlyList<TextSpan> Bold, bool AddsAnswer, bool IsWhole)
{
    /// <summary>Characters as a reader counts them: white space is not counted (markup is never in <see cref="Text"/>).</summary>
    public static int ReaderLength(ReadOnlySpan<char> text)
    {
        var count = 0;
        foreach (var c in text)
            count += char.IsWhiteSpace(c) || char.IsLowSurrogate(c) ? 0 : 1;
        return count;
    }
}
