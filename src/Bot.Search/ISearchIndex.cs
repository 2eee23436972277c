using Bot.Search.Ranking;

namespace Bot.Search;

/// <summary>
/// The seam between the bot and its search engine: questions in, passages with their sources out.
/// Implemented here on Lucene.Net (SmartCn and bigram analysis, BM25) with a rerank of our own; an Elasticsearch or
/// OpenSearch index with the same analysis could stand behind it too.
/// </summary>
public interface ISearchIndex
{
    SearchResponse Search(string question, SearchOptions? options = null);

    /// <summary>The indexed transcripts, by file name.</summary>
    IReadOnlyList<DocumentInfo> Documents { get; }
}

public sealed record DocumentInfo(string Source, string Title, string? Url, int Passages);
