namespace Bot.Search.Analysis;

/// <summary>Receives tokens as they are produced, without allocating a string per token.</summary>
internal interface ITokenSink
{
    /// <param name="term">The folded term.</param>
    /// <param name="kind">What sort of term it is.</param>
    /// <param name="start">Start of the token in the source text.</param>
    /// <param name="end">End (exclusive) of the token in the source text.</param>
    void Add(ReadOnlySpan<char> term, TokenKind kind, int start, int end);
}
