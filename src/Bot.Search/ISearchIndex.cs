using Bot.Search.Ranking;

namespace Bot.Search;

/// <summary>
/// The seam between the bot and its search engine: questions in, passages with their sources out.
/// Implemented here over SQLite and our own Chinese analysis; a Lucene.Net implementation could replace it.
/// </summary>
public interface ISearchIndex
{
    SearchResponse Search(string question, SearchOptions? options = null);

    /// <summary>The indexed transcripts, by file name.</summary>
    IReadOnlyList<DocumentInfo> Documents { get; }
}

public sealed record DocumentInfo(string Source, string Title, string? Url, int Passages);
