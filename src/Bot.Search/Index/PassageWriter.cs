using Microsoft.Data.Sqlite;

namespace Bot.Search.Index;

/// <summary>
/// Writes analysed documents inside the store's write transaction and returns them as they will be searched:
/// local term ids mapped to the store's, and documents analysed once for several identical files sharing
/// their passages' token streams.
/// </summary>
internal sealed class PassageWriter : IDisposable
{
    private readonly TermDictionary terms;
    private readonly SqliteCommand insertDocument;
    private readonly SqliteCommand insertPassage;
    private readonly Dictionary<TermDictionary, int[]> mappings = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<TokenStream, (TokenStream Stream, byte[] Blob)> streams = new(ReferenceEqualityComparer.Instance);
    private readonly string now = DateTime.UtcNow.ToString("O");

    public PassageWriter(SqliteConnection connection, SqliteTransaction transaction, TermDictionary terms)
    {
        this.terms = terms;
        insertDocument = connection.CreateCommand();
        insertDocument.Transaction = transaction;
        insertDocument.CommandText = """
            INSERT INTO documents(source, hash, encoding, title, url, quality, indexed_utc)
            VALUES ($source, $hash, $encoding, $title, $url, $quality, $indexed) RETURNING id
            """;
        insertPassage = connection.CreateCommand();
        insertPassage.Transaction = transaction;
        insertPassage.CommandText = """
            INSERT INTO passages(document_id, ordinal, locator, section, text, first_unit, last_unit, question_length, tokens)
            VALUES ($document, $ordinal, $locator, $section, $text, $first, $last, $question, $tokens)
            """;
    }

    public (IndexedDocument Document, IReadOnlyList<IndexedPassage> Passages) Write(AnalyzedDocument document)
    {
        insertDocument.Parameters.Clear();
        insertDocument.Parameters.AddWithValue("$source", document.Source);
        insertDocument.Parameters.AddWithValue("$hash", document.Hash);
        insertDocument.Parameters.AddWithValue("$encoding", document.Encoding);
        insertDocument.Parameters.AddWithValue("$title", document.Title);
        insertDocument.Parameters.AddWithValue("$url", (object?)document.Url ?? DBNull.Value);
        insertDocument.Parameters.AddWithValue("$quality", document.Quality);
        insertDocument.Parameters.AddWithValue("$indexed", now);
        var indexed = new IndexedDocument
        {
            Id = (long)insertDocument.ExecuteScalar()!,
            Source = document.Source,
            Title = document.Title,
            Url = document.Url,
            Quality = document.Quality,
            Hash = document.Hash,
            Encoding = document.Encoding,
            PassageCount = document.Passages.Count,
        };

        var mapping = Mapping(document.LocalTerms);
        var passages = new List<IndexedPassage>(document.Passages.Count);
        for (var i = 0; i < document.Passages.Count; i++)
        {
            var (draft, local) = document.Passages[i];
            if (!streams.TryGetValue(local, out var global))
            {
                var stream = new TokenStream(Array.ConvertAll(local.TermIds, id => mapping[id]), local.Starts, local.Lengths);
                streams[local] = global = (stream, stream.Encode());
            }
            insertPassage.Parameters.Clear();
            insertPassage.Parameters.AddWithValue("$document", indexed.Id);
            insertPassage.Parameters.AddWithValue("$ordinal", i);
            insertPassage.Parameters.AddWithValue("$locator", draft.Locator);
            insertPassage.Parameters.AddWithValue("$section", (object?)draft.Section ?? DBNull.Value);
            insertPassage.Parameters.AddWithValue("$text", draft.Text);
            insertPassage.Parameters.AddWithValue("$first", draft.FirstUnit);
            insertPassage.Parameters.AddWithValue("$last", draft.LastUnit);
            insertPassage.Parameters.AddWithValue("$question", draft.QuestionLength);
            insertPassage.Parameters.AddWithValue("$tokens", global.Blob);
            insertPassage.ExecuteNonQuery();
            passages.Add(new IndexedPassage
            {
                Document = indexed,
                Ordinal = i,
                Text = draft.Text,
                Locator = draft.Locator,
                Section = draft.Section,
                Tokens = global.Stream,
                FirstUnit = draft.FirstUnit,
                LastUnit = draft.LastUnit,
                QuestionLength = draft.QuestionLength,
            });
        }
        return (indexed, passages);
    }

    public void Dispose()
    {
        insertDocument.Dispose();
        insertPassage.Dispose();
    }

    private int[] Mapping(TermDictionary local)
    {
        if (mappings.TryGetValue(local, out var mapping))
            return mapping;
        mapping = new int[local.Count];
        for (var id = 0; id < mapping.Length; id++)
            mapping[id] = terms.GetOrAdd(local[id], local.KindOf(id));
        return mappings[local] = mapping;
    }
}
