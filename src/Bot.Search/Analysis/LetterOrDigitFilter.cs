using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Analysis.Util;
using Lucene.Net.Util;

namespace Bot.Search.Analysis;

/// <summary>
/// Drops tokens without a letter or digit: SmartCn passes emoji and other symbols through as tokens of their own
/// (each half of a surrogate pair even), and nobody searches for those.
/// </summary>
internal sealed class LetterOrDigitFilter : FilteringTokenFilter
{
    private readonly ICharTermAttribute term;

    public LetterOrDigitFilter(TokenStream input) : base(LuceneVersion.LUCENE_48, input) => term = AddAttribute<ICharTermAttribute>();

    protected override bool Accept()
    {
        foreach (var rune in ((ReadOnlySpan<char>)term.Buffer.AsSpan(0, term.Length)).EnumerateRunes())
            if (System.Text.Rune.IsLetterOrDigit(rune))
                return true;
        return false;
    }
}
