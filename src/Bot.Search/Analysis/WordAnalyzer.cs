using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Cn.Smart;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.En;
using Lucene.Net.Util;

namespace Bot.Search.Analysis;

/// <summary>
/// Words, as Lucene's SmartCn segments them, after <see cref="ChineseFolding"/>: what the text and title fields
/// are indexed and searched by. Latin words, numbers and acronyms come out whole (rlhf, 2030), stemmed the way
/// SmartChineseAnalyzer stems them; punctuation, emoji and other symbols are dropped.
/// </summary>
internal sealed class WordAnalyzer : Analyzer
{
    protected override TextReader InitReader(string fieldName, TextReader reader) => ChineseFolding.Wrap(reader);

    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
    {
        var tokenizer = new HMMChineseTokenizer(reader);
        TokenStream stream = new StopFilter(LuceneVersion.LUCENE_48, tokenizer, SmartChineseAnalyzer.DefaultStopSet);
        stream = new LetterOrDigitFilter(stream);
        stream = new JoinedWordFilter(stream);
        stream = new PorterStemFilter(stream);
        return new TokenStreamComponents(tokenizer, stream);
    }
}
