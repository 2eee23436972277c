using Bot.Pins;
using Bot.Search;
using Bot.Search.Ranking;
using Bot.Storage;
using Bot.Votes;
using Microsoft.Extensions.Logging;

namespace Bot.Answers;

/// <summary>
/// Answers a question for a place on Discord: the pinned answer of the server first when one matches, then the best
/// passages, with those members voted down for a like question below the others; remembers the answer so that its
/// buttons work later, and logs the question for <c>/gaps</c>.
/// </summary>
internal sealed class AnswerService(
    ISearchIndex index,
    AnswerStore answers,
    PinnedAnswers pinned,
    DownvotedPassages downvoted,
    QuestionLog questions,
    TimeProvider time,
    ILogger<AnswerService> logger)
{
    public ISearchIndex Index => index;

    public Answer Ask(string question, ulong? guildId, ulong channelId, string? source, bool pinButton)
    {
        var terms = SimilarQuestions.TermsOf(question);
        var pin = guildId is { } guild && source is null ? pinned.Match(guild, terms) : null;
        var response = Search(question, source, 0, pin, PushedDown(guildId, terms));
        var answer = response.Hits.Count == 0 && pin is null
            ? new Answer(AnswerFormatter.NoAnswer(question, index.Documents, response.NothingToSearch), null, 0)
            : Shown(question, guildId, channelId, source, pinButton, response, pin);
        var bestScore = response.Hits.Count == 0 ? (double?)null : response.Hits.Max(h => h.Score);
        questions.Record(new LoggedQuestion(guildId, channelId, question, time.GetUtcNow(), answer.Results, bestScore, answer.AnswerId));
        return answer;
    }

    /// <summary>Another page of a stored answer, for the "更多结果" button.</summary>
    public ReplyMessage Page(StoredAnswer answer, int offset, bool pinButton)
    {
        var response = Search(answer.Question, answer.Source, offset, pin: null, PushedDown(answer.GuildId, SimilarQuestions.TermsOf(answer.Question)));
        return AnswerFormatter.Answer(answer.Question, response, offset, answer.Id, null, pinButton);
    }

    /// <summary>The passages of a page of a stored answer whole, for the "全文" button.</summary>
    public ReplyMessage Full(StoredAnswer answer, int offset)
    {
        var response = Search(answer.Question, answer.Source, offset, pin: null, PushedDown(answer.GuildId, SimilarQuestions.TermsOf(answer.Question)));
        return AnswerFormatter.Full(answer.Question, response, offset);
    }

    /// <summary>
    /// The passages an answer shows first, as they are stored with a pin. A moderator's pin outranks votes: it keeps the
    /// passages in the order the search found them, even those members voted down.
    /// </summary>
    public IReadOnlyList<PinnedPassage> PassagesOf(StoredAnswer answer) =>
        Search(answer.Question, answer.Source, 0, pin: null, pushedDown: []).Hits
            .Select(h => new PinnedPassage(h.Passage.Source, h.Passage.Title, h.Passage.Url, h.Passage.Locator, h.Passage.Text))
            .ToList();

    private Answer Shown(string question, ulong? guildId, ulong channelId, string? source, bool pinButton, SearchResponse response, StoredPin? pin)
    {
        // What the answer shows first is what its 👎 push down: the pinned passage when there is one.
        var first = pin?.Passages.FirstOrDefault() is { } pinnedPassage ? PassageKey.Of(pinnedPassage)
            : response.Hits.Count > 0 ? PassageKey.Of(response.Hits[0].Passage)
            : null;
        // Null when the database cannot take it now (locked by another process, full): the answer goes out without buttons.
        var answerId = answers.TryAdd(guildId, channelId, question, source, first);
        var reply = AnswerFormatter.Answer(question, response, 0, answerId, pin is null ? null : new PinnedAnswer(pin), pinButton);
        return new Answer(reply, answerId, response.Hits.Count + (pin is null ? 0 : 1));
    }

    private IReadOnlyList<VoteTally> PushedDown(ulong? guildId, Lazy<IReadOnlySet<string>> terms) =>
        guildId is { } guild ? downvoted.Matching(guild, terms) : [];

    private SearchResponse Search(string question, string? source, int offset, StoredPin? pin, IReadOnlyList<VoteTally> pushedDown)
    {
        if (pushedDown.Count == 0)
            return WithoutPinned(index.Search(question, new SearchOptions { Limit = AnswerFormatter.PageSize, Offset = offset, Source = source }), pin);

        // Passages voted down go below all the others: the page is cut from the list up to it, with room for them.
        var whole = WithoutPinned(index.Search(question, new SearchOptions { Limit = offset + AnswerFormatter.PageSize + pushedDown.Count, Source = source }), pin);
        bool IsPushedDown(SearchHit hit) => pushedDown.Any(t => t.Answer.FirstPassage!.Is(hit.Passage));
        var ordered = whole.Hits.Where(h => !IsPushedDown(h)).Concat(whole.Hits.Where(IsPushedDown)).ToList();
        LogPushedDown(whole.Hits, ordered, pushedDown);
        var page = ordered.Skip(offset).Take(AnswerFormatter.PageSize).Select((hit, i) => hit with { Rank = offset + i + 1 }).ToList();
        return whole with { Hits = page, HasMore = whole.HasMore || ordered.Count > offset + AnswerFormatter.PageSize };
    }

    /// <summary>
    /// The pinned answer's first passage is shown first (AnswerFormatter.AppendPinned); the same passage further down
    /// would only repeat it. Its other passages are not shown with it, so they stay among the results.
    /// </summary>
    private static SearchResponse WithoutPinned(SearchResponse response, StoredPin? pin) =>
        pin?.Passages.FirstOrDefault() is not { } pinned ? response
        : response with { Hits = response.Hits.Where(h => !PassageKey.Of(pinned).Is(h.Passage)).ToList() };

    private void LogPushedDown(IReadOnlyList<SearchHit> before, IReadOnlyList<SearchHit> after, IReadOnlyList<VoteTally> pushedDown)
    {
        foreach (var tally in pushedDown)
        {
            var key = tally.Answer.FirstPassage!;
            var was = Position(before, key);
            var now = Position(after, key);
            if (was >= 0 && now > was)
            {
                logger.LogInformation("Pushed passage {Source} · {Locator} down from #{Before} to #{After} in server {Guild}: {Down} members gave 👎 to answer {Answer} of a similar question",
                    key.Source, key.Locator, was + 1, now + 1, tally.Answer.GuildId, tally.Down, tally.Answer.Id);
            }
        }
    }

    private static int Position(IReadOnlyList<SearchHit> hits, PassageKey key) =>
        hits.Select((hit, i) => key.Is(hit.Passage) ? i : -1).FirstOrDefault(i => i >= 0, -1);
}

/// <param name="AnswerId">Null when nothing was found (no buttons, nothing stored).</param>
/// <param name="Results">Passages shown, for the log.</param>
internal sealed record Answer(ReplyMessage Reply, long? AnswerId, int Results);
