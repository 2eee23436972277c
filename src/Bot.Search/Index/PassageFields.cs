using System.Security.Cryptography;
using Bot.Search.Analysis;
using Bot.Search.Corpus;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Util;

namespace Bot.Search.Index;

/// <summary>
/// How a transcript becomes Lucene documents: one record for the file (its title, searched as words and bigrams, its
/// address and hash), and one document per passage with what is searched (SmartCn words and CJK bigrams of the text),
/// and in doc values what the reranker reads per candidate and what is shown (text, locator): doc values are read
/// per document without decompressing a block of stored fields.
/// </summary>
internal static class PassageFields
{
    /// <summary>The transcript's file name, on the file record and on each of its passages: what a change deletes by.</summary>
    public const string Source = "source";

    /// <summary>Marks the file record ("file").</summary>
    public const string Record = "record";

    public const string Text = "text";
    public const string Bigrams = "bigrams";
    public const string Title = "title";
    public const string TitleBigrams = "title_bigrams";

    public const string Hash = "hash";
    public const string Encoding = "encoding";
    public const string Url = "url";
    public const string Quality = "quality";
    public const string PassageCount = "passages";

    /// <summary>What is shown of a passage (text, locator, section, ordinal), in one doc value.</summary>
    public const string Shown = "shown";

    /// <summary>What the reranker reads of every passage when a commit is opened (see <see cref="PassageMeasures"/>), in one doc value.</summary>
    public const string Measures = "measures";

    public const string FileRecord = "file";

    /// <summary>Words for the text and title, bigrams for their bigram fields.</summary>
    public static Analyzer CreateAnalyzer() => new PerFieldAnalyzerWrapper(Words, new Dictionary<string, Analyzer>
    {
        [Bigrams] = BigramsAnalyzer,
        [TitleBigrams] = BigramsAnalyzer,
    });

    private static readonly WordAnalyzer Words = new();
    private static readonly BigramAnalyzer BigramsAnalyzer = new();

    /// <summary>Offsets beside positions in the postings: the reranker reads where the question's terms stand in each candidate (phrases, proximity, highlights) from them.</summary>
    private static readonly FieldType BigramText = Frozen(new FieldType(TextField.TYPE_NOT_STORED)
    {
        IndexOptions = IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS,
    });

    /// <summary>Frequencies only: BM25 is all the words are for, phrases are read from the bigrams.</summary>
    private static readonly FieldType WordText = Frozen(new FieldType(TextField.TYPE_NOT_STORED)
    {
        IndexOptions = IndexOptions.DOCS_AND_FREQS,
    });

    private static FieldType Frozen(FieldType type)
    {
        type.Freeze();
        return type;
    }

    /// <summary>The file record first, then the passages worth searching, every field analysed here, on the calling thread.</summary>
    public static List<Document> Documents(string source, string hash, string encoding, ParsedTranscript transcript)
    {
        var passages = transcript.Passages.Where(p => p.Text.Any(char.IsLetterOrDigit)).ToList();
        var documents = new List<Document>(passages.Count + 1) { FileDocument(source, hash, encoding, transcript, passages.Count) };
        for (var i = 0; i < passages.Count; i++)
            documents.Add(PassageDocument(source, i, passages[i]));
        return documents;
    }

    private static Document FileDocument(string source, string hash, string encoding, ParsedTranscript transcript, int passages)
    {
        var document = new Document
        {
            new StringField(Source, source, Field.Store.YES),
            new StringField(Record, FileRecord, Field.Store.NO),
            new StoredField(Hash, hash),
            new StoredField(Encoding, encoding),
            new StoredField(Title, transcript.Title),
            RecordedTokens.Record(Words, Title, transcript.Title).AsField(Title, TextField.TYPE_NOT_STORED),
            RecordedTokens.Record(BigramsAnalyzer, TitleBigrams, transcript.Title).AsField(TitleBigrams, TextField.TYPE_NOT_STORED),
            new StoredField(Quality, transcript.Quality),
            new StoredField(PassageCount, passages),
        };
        if (transcript.Url is { } url)
            document.Add(new StoredField(Url, url));
        return document;
    }

    private static Document PassageDocument(string source, int ordinal, PassageDraft passage)
    {
        var document = new Document
        {
            RecordedTokens.Keyword(source).AsField(Source, StringField.TYPE_NOT_STORED),
            new SortedDocValuesField(Source, new BytesRef(source)),
            RecordedTokens.Record(Words, Text, passage.Text).AsField(Text, WordText),
            RecordedTokens.Record(BigramsAnalyzer, Bigrams, passage.Text).AsField(Bigrams, BigramText),
            new BinaryDocValuesField(Shown, ShownPassage.Encode(new StoredPassage(passage.Text, passage.Locator, passage.Section, ordinal))),
            new BinaryDocValuesField(Measures, PassageMeasures.Encode(new PassageMeasures(passage.Text.Length, passage.FirstUnit, passage.LastUnit, passage.QuestionLength, DigestOf(passage.Text)))),
        };
        return document;
    }

    private static long DigestOf(string text) => BitConverter.ToInt64(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));
}
