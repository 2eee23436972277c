using Bot.Search;
using Bot.Search.Ranking;

namespace Bot.Tests.Infrastructure;

/// <summary>The real index, made slow: every search takes at least <paramref name="delay"/> (for deferral tests).</summary>
internal sealed class SlowSearchIndex(ISearchIndex inner, TimeSpan delay) : ISearchIndex
{
    public IReadOnlyList<DocumentInfo> Documents => inner.Documents;

    public SearchResponse Search(string question, SearchOptions? options = null)
    {
        Thread.Sleep(delay);
        return inner.Search(question, options);
    }
}
