using Bot.Search;
using Bot.Search.Ranking;

namespace Bot.Tests.Infrastructure;

/// <summary>The real index, but each search waits until the test opens it: slow for exactly as long as the test needs.</summary>
internal sealed class HeldSearchIndex(ISearchIndex inner) : ISearchIndex
{
    private readonly ManualResetEventSlim open = new(false);

    public IReadOnlyList<DocumentInfo> Documents => inner.Documents;

    /// <summary>Lets every waiting and later search through.</summary>
    public void Open() => open.Set();

    /// <summary>Holds searches from now on.</summary>
    public void Close() => open.Reset();

    public SearchResponse Search(string question, SearchOptions? options = null)
    {
        if (!open.Wait(BotUnderTest.Timeout * 2))
            throw new TimeoutException("The test never let the search through.");
        return inner.Search(question, options);
    }
}
