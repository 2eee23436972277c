using Bot.Search;
using Bot.Search.Ranking;

namespace Bot.Tests.Infrastructure;

/// <summary>The real index, made slow: every search takes at least <paramref name="delay"/> (for deferral and shutdown tests).</summary>
internal sealed class SlowSearchIndex(ISearchIndex inner, TimeSpan delay) : ISearchIndex
{
    private readonly TaskCompletionSource searching = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the first search has begun.</summary>
    public Task Searching => searching.Task;

    public IReadOnlyList<DocumentInfo> Documents => inner.Documents;

    public SearchResponse Search(string question, SearchOptions? options = null)
    {
        searching.TrySetResult();
        Thread.Sleep(delay);
        return inner.Search(question, options);
    }
}
