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
    private readonly SqliteCommand insertContent;
    private readonly SqliteCommand findContent;
    private readonly bool storeIsEmpty;
    private (TermDictionary Local, int[] Mapping)? lastMapping;
    private readonly Dictionary<string, (long Id, PassageContent Content)> contents = new(StringComparer.Ordinal);
    private readonly string now = DateTime.UtcNow.ToString("O");

    /// <param name="storeIsEmpty">No content is stored yet (a rebuild): nothing to look up before inserting.</param>
    public PassageWriter(SqliteConnection connection, SqliteTransaction transaction, TermDictionary terms, bool storeIsEmpty)
    {
        this.terms = terms;
        this.storeIsEmpty = storeIsEmpty;
        insertDocument = connection.CreateCommand();
        insertDocument.Transaction = transaction;
        insertDocument.CommandText = """
            INSERT INTO documents(source, hash, encoding, title, url, quality, indexed_utc)
            VALUES ($source, $hash, $encoding, $title, $url, $quality, $indexed) RETURNING id
            """;
        insertPassage = connection.CreateCommand();
        insertPassage.Transaction = transaction;
        insertPassage.CommandText = """
            INSERT INTO passages(document_id, ordinal, locator, section, first_unit, last_unit, question_length, content_id)
            VALUES ($document, $ordinal, $locator, $section, $first, $last, $question, $content)
            """;
        insertContent = connection.CreateCommand();
        insertContent.Transaction = transaction;
        insertContent.CommandText = "INSERT INTO contents(digest, text, token_count, tokens) VALUES ($digest, $text, $count, $tokens) RETURNING id";
        findContent = connection.CreateCommand();
        findContent.Transaction = transaction;
        findContent.CommandText = "SELECT id, text, token_count, tokens FROM contents WHERE digest = $digest";
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
            var content = Content(draft.Text, local, mapping);
            insertPassage.Parameters.Clear();
            insertPassage.Parameters.AddWithValue("$document", indexed.Id);
            insertPassage.Parameters.AddWithValue("$ordinal", i);
            insertPassage.Parameters.AddWithValue("$locator", draft.Locator);
            insertPassage.Parameters.AddWithValue("$section", (object?)draft.Section ?? DBNull.Value);
            insertPassage.Parameters.AddWithValue("$first", draft.FirstUnit);
            insertPassage.Parameters.AddWithValue("$last", draft.LastUnit);
            insertPassage.Parameters.AddWithValue("$question", draft.QuestionLength);
            insertPassage.Parameters.AddWithValue("$content", content.Id);
            insertPassage.ExecuteNonQuery();
            passages.Add(new IndexedPassage
            {
                Document = indexed,
                Ordinal = i,
                Locator = draft.Locator,
                Section = draft.Section,
                Content = content.Content,
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
        insertContent.Dispose();
        findContent.Dispose();
    }

    /// <summary>The stored content for a passage's text: the same row for every identical passage.</summary>
    private (long Id, PassageContent Content) Content(string text, TokenStream local, int[] mapping)
    {
        if (contents.TryGetValue(text, out var known))
            return known;
        var digest = Digest(text);
        if (!storeIsEmpty)
        {
            findContent.Parameters.Clear();
            findContent.Parameters.AddWithValue("$digest", digest);
            using var reader = findContent.ExecuteReader();
            while (reader.Read())
            {
                if (reader.GetString(1) == text)
                {
                    var stored = PassageContent.FromStored(text, (byte[])reader.GetValue(3), reader.GetInt32(2));
                    return contents[text] = (reader.GetInt64(0), stored);
                }
            }
        }
        var content = PassageContent.FromTokens(text, local, mapping);
        insertContent.Parameters.Clear();
        insertContent.Parameters.AddWithValue("$digest", digest);
        insertContent.Parameters.AddWithValue("$text", text);
        insertContent.Parameters.AddWithValue("$count", content.TokenCount);
        insertContent.Parameters.AddWithValue("$tokens", content.TokenBlob);
        return contents[text] = ((long)insertContent.ExecuteScalar()!, content);
    }

    /// <summary>FNV-1a over the text: stable across processes, unlike string.GetHashCode.</summary>
    private static long Digest(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }
        return (long)hash;
    }

    /// <summary>
    /// The store's ids for a document's local ones. Only the last document's mapping is kept: the copies of a file
    /// are written one after the other, and holding every document's local dictionary would double a rebuild's memory.
    /// </summary>
    private int[] Mapping(TermDictionary local)
    {
        if (lastMapping is { } last && ReferenceEquals(last.Local, local))
            return last.Mapping;
        var mapping = new int[local.Count];
        for (var id = 0; id < mapping.Length; id++)
            mapping[id] = terms.GetOrAdd(local[id], local.KindOf(id));
        lastMapping = (local, mapping);
        return mapping;
    }
}
