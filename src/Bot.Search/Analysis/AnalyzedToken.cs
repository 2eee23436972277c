using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace Bot.Search.Analysis;

/// <summary>One token of an analyzed text: its term, where it stands in the original text, its position and Lucene's type.</summary>
internal readonly record struct AnalyzedToken(string Term, int Start, int End, int Position, string Type)
{
    /// <summary>Every token an analyzer makes of a text, in order.</summary>
    public static List<AnalyzedToken> Read(Analyzer analyzer, string field, string text)
    {
        var tokens = new List<AnalyzedToken>();
        using var stream = analyzer.GetTokenStream(field, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var offset = stream.AddAttribute<IOffsetAttribute>();
        var increment = stream.AddAttribute<IPositionIncrementAttribute>();
        var type = stream.AddAttribute<ITypeAttribute>();
        stream.Reset();
        var position = -1;
        while (stream.IncrementToken())
        {
            position += increment.PositionIncrement;
            tokens.Add(new AnalyzedToken(term.ToString(), offset.StartOffset, offset.EndOffset, position, type.Type));
        }
        stream.End();
        return tokens;
    }
}
