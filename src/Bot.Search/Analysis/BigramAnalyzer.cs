using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Cjk;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Util;

namespace Bot.Search.Analysis;

/// <summary>
/// Overlapping pairs of CJK characters (and Latin words whole), after <see cref="ChineseFolding"/>: what the
/// bigram fields hold. Bigrams find names that SmartCn's dictionary lacks and cuts into single characters
/// (尼崎藩 as 尼崎, 崎藩), and their positions tell the reranker where the question's phrases stand.
/// </summary>
internal sealed class BigramAnalyzer : Analyzer
{
    protected override TextReader InitReader(string fieldName, TextReader reader) => ChineseFolding.Wrap(reader);

    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
    {
        var tokenizer = new StandardTokenizer(LuceneVersion.LUCENE_48, reader);
        // Single characters too: they let a near-synonym count a little (离 of 离开 in 离职), and a one-character
        // question word be found.
        TokenStream stream = new CJKBigramFilter(tokenizer, CJKScript.ALL, outputUnigrams: true);
        stream = new JoinedWordFilter(stream);
        stream = new PorterStemFilter(stream);
        return new TokenStreamComponents(tokenizer, stream);
    }
}
