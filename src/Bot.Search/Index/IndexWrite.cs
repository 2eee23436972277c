using Microsoft.Data.Sqlite;

namespace Bot.Search.Index;

/// <summary>
/// One write to the store: removals and documents written one at a time as they are analysed (so a large
/// rebuild never holds every analysed document in memory), committed as a single transaction. Disposing an
/// uncommitted write rolls it back and leaves the previous index whole.
/// </summary>
internal sealed class IndexWrite : IDisposable
{
    private readonly IndexStore store;
    private readonly SqliteTransaction transaction;
    private readonly TermDictionary terms;
    private readonly int firstNewTerm;
    private readonly bool rebuild;
    private readonly long previousGeneration;
    private readonly PassageWriter writer;
    private readonly SqliteCommand deleteDocument;
    private readonly List<string> removed = [];
    private readonly List<(IndexedDocument, IReadOnlyList<IndexedPassage>)> added = [];
    private bool deleted;

    public IndexWrite(IndexStore store, SqliteConnection connection, SqliteTransaction transaction, TermDictionary terms, bool rebuild, long previousGeneration)
    {
        this.store = store;
        this.transaction = transaction;
        this.terms = terms;
        this.rebuild = rebuild;
        this.previousGeneration = previousGeneration;
        firstNewTerm = terms.Count;
        writer = new PassageWriter(connection, transaction, terms, storeIsEmpty: rebuild);
        deleteDocument = connection.CreateCommand();
        deleteDocument.Transaction = transaction;
        deleteDocument.CommandText = "DELETE FROM documents WHERE source = $source";
    }

    /// <summary>Whether anything was written or removed (a rebuild always counts: it replaces the index).</summary>
    public bool HasChanges => rebuild || added.Count > 0 || removed.Count > 0;

    public void Remove(string source)
    {
        Delete(source);
        removed.Add(source);
    }

    /// <summary>Writes a document, replacing the stored one of the same source.</summary>
    public void Write(AnalyzedDocument document)
    {
        Delete(document.Source);
        added.Add(writer.Write(document));
    }

    public AppliedChange Commit(Action? beforeCommit = null)
    {
        store.FinishWrite(transaction, terms, firstNewTerm, deleted, previousGeneration + 1);
        beforeCommit?.Invoke();
        transaction.Commit();
        return new AppliedChange(terms, removed, added, rebuild, previousGeneration, previousGeneration + 1);
    }

    public void Dispose()
    {
        writer.Dispose();
        deleteDocument.Dispose();
        transaction.Dispose();
    }

    private void Delete(string source)
    {
        deleteDocument.Parameters.Clear();
        deleteDocument.Parameters.AddWithValue("$source", source);
        deleted |= deleteDocument.ExecuteNonQuery() > 0;
    }
}
