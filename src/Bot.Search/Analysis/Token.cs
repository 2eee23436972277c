namespace Bot.Search.Analysis;

/// <summary>A term with the span of source text it came from.</summary>
public readonly record struct Token(string Term, TokenKind Kind, int Start, int End);
