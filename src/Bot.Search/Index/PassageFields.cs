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
/// How a transcript becomes Lucene documents: one record for the file (its title, address, hash), and one document
/// per passage with what is searched (SmartCn words and CJK bigrams of the text, and of the transcript's title),
/// what is shown (stored text and locator) and what the reranker reads per candidate (doc values).
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

    public const string Ordinal = "ordinal";
    public const string Locator = "locator";
    public const string Section = "section";
    public const string Length = "length";
    public const string FirstUnit = "first_unit";
    public const string LastUnit = "last_unit";
    public const string QuestionLength = "question_length";

    /// <summary>A hash of the passage's text: identical passages (copies of a file) compete once.</summary>
    public const string Digest = "digest";

    public const string FileRecord = "file";

    /// <summary>Words for the text and title, bigrams for their bigram fields.</summary>
    public static Analyzer CreateAnalyzer() => new PerFieldAnalyzerWrapper(new WordAnalyzer(), new Dictionary<string, Analyzer>
    {
        [Bigrams] = new BigramAnalyzer(),
        [TitleBigrams] = new BigramAnalyzer(),
    });

    private static readonly FieldType StoredText = Frozen(new FieldType(TextField.TYPE_STORED));

    /// <summary>Offsets beside positions in the postings: the reranker reads where the question's terms stand in each candidate (phrases, proximity, highlights) from them.</summary>
    private static readonly FieldType BigramText = Frozen(new FieldType(TextField.TYPE_NOT_STORED)
    {
        IndexOptions = IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS,
    });

    private static FieldType Frozen(FieldType type)
    {
        type.Freeze();
        return type;
    }

    /// <summary>The file record first, then the passages worth searching.</summary>
    public static List<Document> Documents(string source, string hash, string encoding, ParsedTranscript transcript)
    {
        var passages = transcript.Passages.Where(p => p.Text.Any(char.IsLetterOrDigit)).ToList();
        var documents = new List<Document>(passages.Count + 1) { FileDocument(source, hash, encoding, transcript, passages.Count) };
        for (var i = 0; i < passages.Count; i++)
            documents.Add(PassageDocument(source, transcript.Title, i, passages[i]));
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
            new StoredField(Quality, transcript.Quality),
            new StoredField(PassageCount, passages),
        };
        if (transcript.Url is { } url)
            document.Add(new StoredField(Url, url));
        return document;
    }

    private static Document PassageDocument(string source, string title, int ordinal, PassageDraft passage)
    {
        var document = new Document
        {
            new StringField(Source, source, Field.Store.NO),
            new SortedDocValuesField(Source, new BytesRef(source)),
            new Field(Text, passage.Text, StoredText),
            new Field(Bigrams, passage.Text, BigramText),
            new TextField(Title, title, Field.Store.NO),
            new TextField(TitleBigrams, title, Field.Store.NO),
            new StoredField(Ordinal, ordinal),
            new StoredField(Locator, passage.Locator),
            new NumericDocValuesField(Length, passage.Text.Length),
            new NumericDocValuesField(FirstUnit, passage.FirstUnit),
            new NumericDocValuesField(LastUnit, passage.LastUnit),
            new NumericDocValuesField(QuestionLength, passage.QuestionLength),
            new NumericDocValuesField(Digest, DigestOf(passage.Text)),
        };
        if (passage.Section is { } section)
            document.Add(new StoredField(Section, section));
        return document;
    }

    private static long DigestOf(string text) => BitConverter.ToInt64(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));
}
