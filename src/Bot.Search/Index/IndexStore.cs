using Bot.Search.Analysis;
using Microsoft.Data.Sqlite;

namespace Bot.Search.Index;

/// <summary>
/// The index on disk: one SQLite file (WAL) holding documents, passages with their analysed tokens, and
/// the term table. Every change is one transaction, so a crash leaves the previous index whole.
/// </summary>
internal sealed class IndexStore : IDisposable
{
    /// <summary>Bump when parsing or analysis changes what is stored: the index is then rebuilt.</summary>
    public const string FormatVersion = "8";

    private readonly SqliteConnection connection;

    private IndexStore(SqliteConnection connection) => this.connection = connection;

    public string Path { get; private init; } = "";

    public static IndexStore Open(string path)
    {
        var full = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = full,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
            DefaultTimeout = 30,
        }.ToString());
        connection.Open();
        var store = new IndexStore(connection) { Path = full };
        store.Execute("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=10000;");
        // The other tables are created by the first (re)build: an index file of an older format is left as it is
        // until the rebuild replaces it in one transaction.
        store.Execute("CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);");
        return store;
    }

    private const string Schema = """
        CREATE TABLE IF NOT EXISTS documents(
            id INTEGER PRIMARY KEY,
            source TEXT NOT NULL UNIQUE,
            hash TEXT NOT NULL,
            encoding TEXT NOT NULL,
            title TEXT NOT NULL,
            url TEXT,
            quality REAL NOT NULL,
            indexed_utc TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS contents(
            id INTEGER PRIMARY KEY,
            digest INTEGER NOT NULL,
            text TEXT NOT NULL,
            token_count INTEGER NOT NULL,
            tokens BLOB NOT NULL);
        CREATE INDEX IF NOT EXISTS contents_by_digest ON contents(digest);
        CREATE TABLE IF NOT EXISTS passages(
            id INTEGER PRIMARY KEY,
            document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            ordinal INTEGER NOT NULL,
            locator TEXT NOT NULL,
            section TEXT,
            first_unit INTEGER NOT NULL,
            last_unit INTEGER NOT NULL,
            question_length INTEGER NOT NULL,
            content_id INTEGER NOT NULL REFERENCES contents(id));
        CREATE INDEX IF NOT EXISTS passages_by_document ON passages(document_id, ordinal);
        CREATE INDEX IF NOT EXISTS passages_by_content ON passages(content_id);
        CREATE TABLE IF NOT EXISTS terms(id INTEGER PRIMARY KEY, term TEXT NOT NULL UNIQUE, kind INTEGER NOT NULL);
        """;

    /// <summary>Counts committed changes; another process sharing the file can tell when to reload.</summary>
    public long Generation => ReadGeneration(null);

    public bool IsCurrentFormat => GetMeta("format") == FormatVersion;

    /// <summary>The source and content hash of every indexed document.</summary>
    public Dictionary<string, string> DocumentHashes()
    {
        var hashes = new Dictionary<string, string>(StringComparer.Ordinal);
        using var command = Command("SELECT source, hash FROM documents");
        using var reader = command.ExecuteReader();
        while (reader.Read())
            hashes[reader.GetString(0)] = reader.GetString(1);
        return hashes;
    }

    /// <summary>Reads the whole index into memory.</summary>
    public IndexSnapshot Load()
    {
        using var transaction = connection.BeginTransaction(deferred: true);
        var terms = LoadTerms(transaction);

        // Each document with its passages, read in order: the snapshot wants them document by document.
        var documents = new Dictionary<long, (IndexedDocument Document, List<IndexedPassage> Passages)>();
        using (var command = Command("SELECT id, source, hash, encoding, title, url, quality FROM documents", transaction))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                var document = new IndexedDocument
                {
                    Id = reader.GetInt64(0),
                    Source = reader.GetString(1),
                    Hash = reader.GetString(2),
                    Encoding = reader.GetString(3),
                    Title = reader.GetString(4),
                    Url = reader.IsDBNull(5) ? null : reader.GetString(5),
                    Quality = reader.GetDouble(6),
                };
                documents[document.Id] = (document, []);
            }
        }

        // A passage's text and tokens are stored once however many identical passages (copies) there are.
        var contents = new Dictionary<long, PassageContent>();
        using (var command = Command("SELECT id, text, token_count, tokens FROM contents", transaction))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
                contents[reader.GetInt64(0)] = PassageContent.FromStored(reader.GetString(1), (byte[])reader.GetValue(3), reader.GetInt32(2));
        }

        using (var command = Command("SELECT document_id, ordinal, locator, section, first_unit, last_unit, question_length, content_id FROM passages ORDER BY document_id, ordinal", transaction))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                var (document, passages) = documents[reader.GetInt64(0)];
                document.PassageCount++;
                var content = contents[reader.GetInt64(7)];
                passages.Add(new IndexedPassage
                {
                    Document = document,
                    Ordinal = reader.GetInt32(1),
                    Locator = reader.GetString(2),
                    Section = reader.IsDBNull(3) ? null : reader.GetString(3),
                    Content = content,
                    FirstUnit = reader.GetInt32(4),
                    LastUnit = reader.GetInt32(5),
                    QuestionLength = reader.GetInt32(6),
                });
            }
        }
        var generation = ReadGeneration(transaction);
        transaction.Commit();
        var ordered = documents.Values.OrderBy(d => d.Document.Source, StringComparer.Ordinal).ToList();
        return IndexSnapshot.Create(terms, [.. ordered.Select(d => d.Document)], [.. ordered.SelectMany(d => d.Passages)], generation);
    }

    /// <summary>
    /// Starts one write transaction: documents are written into it one at a time as they are analysed, and
    /// nothing is visible (to this or another process) until <see cref="IndexWrite.Commit"/>.
    /// </summary>
    public IndexWrite BeginWrite(bool rebuild)
    {
        var transaction = connection.BeginTransaction(deferred: false);
        try
        {
            var previousGeneration = ReadGeneration(transaction);
            if (rebuild)
            {
                // Tables of an older format are replaced in the same transaction, so a crash keeps the old index.
                Execute("DROP TABLE IF EXISTS passages; DROP TABLE IF EXISTS contents; DROP TABLE IF EXISTS documents; DROP TABLE IF EXISTS terms;", transaction);
                Execute(Schema, transaction);
                SetMeta("format", FormatVersion, transaction);
            }
            return new IndexWrite(this, connection, transaction, LoadTerms(transaction), rebuild, previousGeneration);
        }
        catch
        {
            transaction.Dispose();
            throw;
        }
    }

    internal void FinishWrite(SqliteTransaction transaction, TermDictionary terms, int firstNewTerm, bool deleted, long generation)
    {
        if (deleted)
            Execute("DELETE FROM contents WHERE id NOT IN (SELECT content_id FROM passages)", transaction);
        using var insertTerm = Command("INSERT INTO terms(id, term, kind) VALUES ($id, $term, $kind)", transaction);
        var id = insertTerm.Parameters.Add("$id", SqliteType.Integer);
        var term = insertTerm.Parameters.Add("$term", SqliteType.Text);
        var kind = insertTerm.Parameters.Add("$kind", SqliteType.Integer);
        for (var t = firstNewTerm; t < terms.Count; t++)
        {
            id.Value = t;
            term.Value = terms[t];
            kind.Value = (int)terms.KindOf(t);
            insertTerm.ExecuteNonQuery();
        }
        SetMeta("generation", generation.ToString(), transaction);
    }

    /// <summary>
    /// Test seam for a full disk: caps the file at the pages it has now plus <paramref name="extraPages"/> for this
    /// store's connection, or lifts the cap (null). A write that needs more then fails with SQLITE_FULL as on a full disk.
    /// SQLite's max_page_count holds only for the connection that sets it, so a test cannot impose it from its own.
    /// </summary>
    internal void LimitPages(long? extraPages)
    {
        using var count = Command("PRAGMA page_count");
        var pages = (long)count.ExecuteScalar()!;
        Execute($"PRAGMA max_page_count = {(extraPages is { } extra ? pages + extra : 4294967294)}");
    }

    public void Dispose() => connection.Dispose();

    private TermDictionary LoadTerms(SqliteTransaction transaction)
    {
        var terms = new TermDictionary();
        using var command = Command("SELECT id, term, kind FROM terms ORDER BY id", transaction);
        using var reader = command.ExecuteReader();
        while (reader.Read())
            terms.AddStored(reader.GetInt32(0), reader.GetString(1), (TokenKind)reader.GetInt32(2));
        return terms;
    }

    private long ReadGeneration(SqliteTransaction? transaction) => long.TryParse(GetMeta("generation", transaction), out var g) ? g : 0;

    private string? GetMeta(string key, SqliteTransaction? transaction = null)
    {
        using var command = Command("SELECT value FROM meta WHERE key = $key", transaction);
        command.Parameters.AddWithValue("$key", key);
        return command.ExecuteScalar() as string;
    }

    private void SetMeta(string key, string value, SqliteTransaction transaction)
    {
        using var command = Command("INSERT INTO meta(key, value) VALUES ($key, $value) ON CONFLICT(key) DO UPDATE SET value = excluded.value", transaction);
        command.Parameters.AddWithValue("$key", key);
        command.Parameters.AddWithValue("$value", value);
        command.ExecuteNonQuery();
    }

    private void Execute(string sql, SqliteTransaction? transaction = null)
    {
        using var command = Command(sql, transaction);
        command.ExecuteNonQuery();
    }

    private SqliteCommand Command(string sql, SqliteTransaction? transaction = null)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command;
    }
}
