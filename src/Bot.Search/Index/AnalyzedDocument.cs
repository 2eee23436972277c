using Bot.Search.Corpus;

namespace Bot.Search.Index;

/// <summary>
/// A transcript parsed and analysed, ready to be written: its passages' tokens use ids of a dictionary
/// local to this document, mapped to the store's ids inside the write transaction.
/// </summary>
internal sealed record AnalyzedDocument(
    string Source,
    string Hash,
    string Encoding,
    string Title,
    string? Url,
    double Quality,
    TermDictionary LocalTerms,
    IReadOnlyList<(PassageDraft Draft, TokenStream Tokens)> Passages)
{
    public static AnalyzedDocument From(string source, string hash, string encoding, ParsedTranscript transcript)
    {
        var terms = new TermDictionary();
        var builder = new TokenStreamBuilder(terms);
        var passages = new List<(PassageDraft, TokenStream)>(transcript.Passages.Count);
        foreach (var draft in transcript.Passages)
        {
            Analysis.Tokenizer.Tokenize(Analysis.NormalizedText.From(draft.Text), builder);
            var tokens = builder.Build();
            if (tokens.Count > 0)
                passages.Add((draft, tokens));
        }
        return new AnalyzedDocument(source, hash, encoding, transcript.Title, transcript.Url, transcript.Quality, terms, passages);
    }
}
