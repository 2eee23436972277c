using Bot.Pins;
using Bot.Search;
using Bot.Search.Ranking;
using Bot.Storage;

namespace Bot.Answers;

/// <summary>
/// Answers a question for a place on Discord: the pinned answer of the server first when one matches, then
/// the best passages; remembers the answer so that its buttons work later.
/// </summary>
internal sealed class AnswerService(ISearchIndex index, AnswerStore answers, PinnedAnswers pinned)
{
    public ISearchIndex Index => index;

    public Answer Ask(string question, ulong? guildId, ulong channelId, string? source, bool pinButton)
    {
        var pin = guildId is { } guild && source is null ? pinned.Match(guild, question) : null;
        var response = Search(question, source, 0, pin);
        if (response.Hits.Count == 0 && pin is null)
            return new Answer(AnswerFormatter.NoAnswer(question, index.Documents, response.NothingToSearch), null, 0);
        // Null when the database cannot take it now (locked by another process, full): the answer goes out without buttons.
        var answerId = answers.TryAdd(guildId, channelId, question, source);
        var reply = AnswerFormatter.Answer(question, response, 0, answerId, pin is null ? null : new PinnedAnswer(pin), pinButton);
        return new Answer(reply, answerId, response.Hits.Count + (pin is null ? 0 : 1));
    }

    /// <summary>Another page of a stored answer, for the "更多结果" button.</summary>
    public ReplyMessage Page(StoredAnswer answer, int offset, bool pinButton)
    {
        var response = Search(answer.Question, answer.Source, offset, pin: null);
        return AnswerFormatter.Answer(answer.Question, response, offset, answer.Id, null, pinButton);
    }

    /// <summary>The passages an answer shows first, as they are stored with a pin.</summary>
    public IReadOnlyList<PinnedPassage> PassagesOf(StoredAnswer answer) =>
        Search(answer.Question, answer.Source, 0, pin: null).Hits
            .Select(h => new PinnedPassage(h.Passage.Source, h.Passage.Title, h.Passage.Url, h.Passage.Locator, h.Passage.Text))
            .ToList();

    private SearchResponse Search(string question, string? source, int offset, StoredPin? pin)
    {
        var response = index.Search(question, new SearchOptions { Limit = AnswerFormatter.PageSize, Offset = offset, Source = source });
        if (pin?.Passages.FirstOrDefault() is not { } pinned)
            return response;
        // The pinned answer's first passage is shown first (AnswerFormatter.AppendPinned); the same passage further down
        // would only repeat it. Its other passages are not shown with it, so they stay among the results.
        return response with { Hits = response.Hits.Where(h => (h.Passage.Source, h.Passage.Locator) != (pinned.Source, pinned.Locator)).ToList() };
    }
}

/// <param name="AnswerId">Null when nothing was found (no buttons, nothing stored).</param>
/// <param name="Results">Passages shown, for the log.</param>
internal sealed record Answer(ReplyMessage Reply, long? AnswerId, int Results);
