using Bot.Answers;
using Bot.Conversation;
using Bot.Discord;
using Bot.Discord.Interactions;
using Bot.Discord.Models;
using Bot.Discord.Rest;
using Bot.Gaps;
using Bot.Hosting;
using Bot.Localization;
using Bot.Metrics;
using Bot.Pins;
using Bot.Search.Ranking;
using Bot.Storage;
using Bot.Votes;
using Microsoft.Extensions.Logging;

namespace Bot.Interactions;

/// <summary>
/// Slash commands, their autocomplete, the message context menus and the answer buttons (more, pin, votes). Every interaction
/// is acknowledged; mistakes a user can fix get an ephemeral reply saying what to do.
/// </summary>
internal sealed class InteractionHandler(
    AnswerService answers,
    AnswerStore store,
    PinStore pins,
    PinService pinService,
    VoteService votes,
    GapsCommand gaps,
    InteractionResponder responder,
    QuestionCleaner cleaner,
    Cooldown cooldown,
    BotIdentity identity,
    BotOptions options,
    BotMetrics metrics,
    ILogger<InteractionHandler> logger)
{
    private const int MaxChoices = 25;
    private const int MaxChoiceLength = 100;

    /// <param name="arrived">When the interaction came from Discord (a Stopwatch timestamp); now when not given.</param>
    public async Task HandleAsync(Interaction interaction, CancellationToken cancellationToken, long? arrived = null)
    {
        BotLanguage.Use(BotLanguage.Of(interaction));
        var arrival = arrived ?? System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            switch (interaction.Type)
            {
                case InteractionType.ApplicationCommand when interaction.Data?.Type == ApplicationCommandType.Message:
                    await ContextMenuAsync(interaction, arrival, cancellationToken).ConfigureAwait(false);
                    break;
                case InteractionType.ApplicationCommand:
                    await CommandAsync(interaction, arrival, cancellationToken).ConfigureAwait(false);
                    break;
                case InteractionType.ApplicationCommandAutocomplete:
                    await AutocompleteAsync(interaction, cancellationToken).ConfigureAwait(false);
                    break;
                case InteractionType.MessageComponent:
                    await ComponentAsync(interaction, cancellationToken).ConfigureAwait(false);
                    break;
            }
        }
        catch (DiscordException e) when (e is not DiscordUnauthorizedException)
        {
            logger.LogWarning("Could not complete the {Type} interaction {Name}: {Reason}", interaction.Type, interaction.Data?.Name ?? interaction.Data?.CustomId, e.Message);
        }
        catch (Exception e) when (e is not DiscordException && !(e is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            // A bug, the database locked or full …: the user still gets a short answer instead of "interaction failed".
            logger.LogError(e, "The {Type} interaction {Name} failed", interaction.Type, interaction.Data?.Name ?? interaction.Data?.CustomId);
            try
            {
                await responder.FailAsync(interaction, cancellationToken).ConfigureAwait(false);
            }
            catch (DiscordException tell) when (tell is not DiscordUnauthorizedException)
            {
                logger.LogWarning("Could not tell the user the interaction failed: {Reason}", tell.Message);
            }
        }
    }

    private async Task CommandAsync(Interaction interaction, long arrival, CancellationToken cancellationToken)
    {
        // Discord always sends data with a command; without it there is no command to run, only a user to tell.
        var data = interaction.Data ?? new InteractionData();
        switch (data.Name)
        {
            case CommandCatalog.Ask:
                var question = Clip(data.GetOption("question")?.AsString(), CommandCatalog.MaxQuestionLength);
                var ephemeral = data.GetOption("private")?.AsBoolean() ?? false;
                await AskAsync(interaction, new Asked(QuestionSource.Slash, arrival), question, data.GetOption("source")?.AsString(), ephemeral, cancellationToken).ConfigureAwait(false);
                break;
            case CommandCatalog.Search:
                await SearchAsync(interaction, data, cancellationToken).ConfigureAwait(false);
                break;
            case CommandCatalog.Sources:
                await responder.ReplyAsync(interaction, () => AnswerFormatter.Sources(answers.Index.Documents), ephemeral: false, update: false, cancellationToken).ConfigureAwait(false);
                break;
            case CommandCatalog.Pins when interaction.GuildId is { } guild:
                await responder.ReplyAsync(interaction, () => AnswerFormatter.Pins(pins.ForGuild(guild)), ephemeral: false, update: false, cancellationToken).ConfigureAwait(false);
                break;
            case CommandCatalog.Pins:
                await responder.TellAsync(interaction, Strings.PinsOnlyInServers, cancellationToken).ConfigureAwait(false);
                break;
            case CommandCatalog.Gaps:
                await gaps.RunAsync(interaction, data, cancellationToken).ConfigureAwait(false);
                break;
            case CommandCatalog.Help:
                await responder.ReplyAsync(interaction, () => AnswerFormatter.Help(options.Prefix), ephemeral: true, update: false, cancellationToken).ConfigureAwait(false);
                break;
            default:
                await responder.TellAsync(interaction, Strings.CommandGone, cancellationToken).ConfigureAwait(false);
                break;
        }
    }

    /// <summary>Where a question came from and when, for the metrics.</summary>
    private sealed record Asked(string Source, long Arrival);

    private async Task AskAsync(Interaction interaction, Asked asked, string question, string? source, bool ephemeral, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(question))
        {
            metrics.Question(asked.Source, "refused");
            await responder.TellAsync(interaction, Strings.AskForQuestion, cancellationToken).ConfigureAwait(false);
            return;
        }
        if (await RejectUnknownSourceAsync(interaction, source, cancellationToken).ConfigureAwait(false))
        {
            metrics.Question(asked.Source, "refused");
            return;
        }
        var verdict = cooldown.Check(interaction.InvokingUser?.Id ?? 0);
        if (!verdict.IsAllowed)
        {
            metrics.Question(asked.Source, "refused");
            await responder.TellAsync(interaction, AnswerFormatter.TooFast(verdict.WaitSeconds), cancellationToken).ConfigureAwait(false);
            return;
        }
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var results = 0;
        await responder.ReplyAsync(interaction, () =>
        {
            var answer = answers.Ask(question, interaction.GuildId, interaction.ChannelId ?? 0, source, pinButton: interaction.GuildId is not null && !ephemeral);
            results = answer.Results;
            return answer.Reply;
        }, ephemeral, update: false, cancellationToken).ConfigureAwait(false);
        metrics.Question(asked.Source, BotMetrics.ResultOf(results));
        metrics.Answered(asked.Source, System.Diagnostics.Stopwatch.GetElapsedTime(asked.Arrival));
        logger.LogInformation("Answered /ask in channel {Channel} in {LatencyMs} ms with {Results} results", interaction.ChannelId, clock.ElapsedMilliseconds, results);
    }

    private async Task SearchAsync(Interaction interaction, InteractionData data, CancellationToken cancellationToken)
    {
        var query = Clip(data.GetOption("query")?.AsString(), CommandCatalog.MaxQueryLength);
        var source = data.GetOption("source")?.AsString();
        if (string.IsNullOrWhiteSpace(query))
        {
            await responder.TellAsync(interaction, Strings.AskForKeywords, cancellationToken).ConfigureAwait(false);
            return;
        }
        if (await RejectUnknownSourceAsync(interaction, source, cancellationToken).ConfigureAwait(false))
            return;
        var limit = (int)Math.Clamp(data.GetOption("limit")?.AsInt64() ?? 5, 1, 10);
        await responder.ReplyAsync(interaction, () => AnswerFormatter.HitList(query, answers.Index.Search(query, new SearchOptions { Limit = limit, Source = source })),
            ephemeral: false, update: false, cancellationToken).ConfigureAwait(false);
    }

    private async Task<bool> RejectUnknownSourceAsync(Interaction interaction, string? source, CancellationToken cancellationToken)
    {
        if (source is null || answers.Index.Documents.Any(d => d.Source.Equals(source, StringComparison.OrdinalIgnoreCase)))
            return false;
        await responder.TellAsync(interaction, string.Format(Strings.UnknownSource, DiscordText.Truncated(source, 80)), cancellationToken)
            .ConfigureAwait(false);
        return true;
    }

    private async Task ContextMenuAsync(Interaction interaction, long arrival, CancellationToken cancellationToken)
    {
        var data = interaction.Data!;
        var target = data.TargetId is { } id && data.Resolved?.Messages?.TryGetValue(id, out var message) == true ? message : null;
        if (target is null)
        {
            await responder.TellAsync(interaction, Strings.MessageNotFound, cancellationToken).ConfigureAwait(false);
            return;
        }
        switch (data.Name)
        {
            case CommandCatalog.AnswerMessage:
                var question = Clip(cleaner.Clean(target.Content), CommandCatalog.MaxQuestionLength);
                if (question.Length == 0)
                {
                    await responder.TellAsync(interaction, Strings.MessageWithoutText, cancellationToken).ConfigureAwait(false);
                    return;
                }
                await AskAsync(interaction, new Asked(QuestionSource.Menu, arrival), question, source: null, ephemeral: false, cancellationToken).ConfigureAwait(false);
                break;
            case CommandCatalog.PinAnswer:
                if (AnswerShownIn(target) is not { } answer)
                {
                    await responder.TellAsync(interaction, Strings.OnlyBotAnswersPin, cancellationToken).ConfigureAwait(false);
                    return;
                }
                await pinService.ToggleAsync(interaction, answer, target.Id, cancellationToken).ConfigureAwait(false);
                break;
            default:
                await responder.TellAsync(interaction, Strings.CommandGone, cancellationToken).ConfigureAwait(false);
                break;
        }
    }

    /// <summary>The stored answer a bot message shows: by its id, or by the answer id its own buttons carry.</summary>
    private StoredAnswer? AnswerShownIn(Message message)
    {
        if (message.Author?.Id != identity.UserId)
            return null;
        if (store.FindByMessage(message.Id) is { } known)
            return known;
        foreach (var id in AnswerIdsOnButtons(message))
        {
            if (store.Find(id) is { MessageId: null } answer)
                return answer;
        }
        return null;
    }

    private async Task ComponentAsync(Interaction interaction, CancellationToken cancellationToken)
    {
        var customId = interaction.Data?.CustomId;
        var message = interaction.Message;
        if (CustomIds.TryParseMore(customId, out var answerId, out var offset) && message is not null)
        {
            if (await OwnAnswerAsync(interaction, answerId, message, cancellationToken).ConfigureAwait(false) is not { } answer)
                return;
            var pinButton = interaction.GuildId is not null && !message.Flags.HasFlag(MessageFlags.Ephemeral);
            await responder.ReplyAsync(interaction, () => answers.Page(answer, offset, pinButton), ephemeral: false, update: true, cancellationToken).ConfigureAwait(false);
        }
        else if (CustomIds.TryParseFull(customId, out answerId, out offset) && message is not null)
        {
            if (await OwnAnswerAsync(interaction, answerId, message, cancellationToken).ConfigureAwait(false) is not { } answer)
                return;
            await responder.ReplyAsync(interaction, () => answers.Full(answer, offset), ephemeral: true, update: false, cancellationToken).ConfigureAwait(false);
        }
        else if (CustomIds.TryParsePin(customId, out answerId) && message is not null)
        {
            if (await OwnAnswerAsync(interaction, answerId, message, cancellationToken).ConfigureAwait(false) is not { } answer)
                return;
            await pinService.ToggleAsync(interaction, answer, message.Id, cancellationToken).ConfigureAwait(false);
        }
        else if (CustomIds.TryParseVote(customId, out answerId, out var vote) && message is not null)
        {
            if (await OwnAnswerAsync(interaction, answerId, message, cancellationToken).ConfigureAwait(false) is not { } answer)
                return;
            await votes.VoteAsync(interaction, answer, vote, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await responder.TellAsync(interaction, Strings.ButtonExpired, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The answer a button belongs to, checked against where the click came from: the same server and the
    /// message that shows it. A click carrying another server's or message's answer changes nothing.
    /// </summary>
    private async Task<StoredAnswer?> OwnAnswerAsync(Interaction interaction, long answerId, Message message, CancellationToken cancellationToken)
    {
        var answer = store.Find(answerId);
        if (answer is null)
        {
            await responder.TellAsync(interaction, Strings.AnswerExpired, cancellationToken).ConfigureAwait(false);
            return null;
        }
        // Until its message is known (an /ask response, a reply whose id was not recorded), the answer is the one the
        // message's own buttons carry: a button of one answer clicked on another answer's message does not claim it.
        var sameMessage = answer.MessageId is { } known
            ? known == message.Id
            : (message.Author?.Id == identity.UserId || message.Flags.HasFlag(MessageFlags.Ephemeral)) && Shows(message, answer.Id);
        if (answer.GuildId != interaction.GuildId || !sameMessage)
        {
            logger.LogWarning("Refused a button for answer {Answer} clicked on another message or server", answerId);
            await responder.TellAsync(interaction, Strings.NotThisAnswer, cancellationToken).ConfigureAwait(false);
            return null;
        }
        if (answer.MessageId is null && !message.Flags.HasFlag(MessageFlags.Ephemeral))
        {
            store.SetMessage(answer.Id, message.Id);
            answer = answer with { MessageId = message.Id };
        }
        return answer;
    }

    /// <summary>Whether the buttons under a message belong to the answer <paramref name="answerId"/>.</summary>
    private static bool Shows(Message message, long answerId) => AnswerIdsOnButtons(message).Contains(answerId);

    /// <summary>The answer ids the buttons under a message carry.</summary>
    private static IEnumerable<long> AnswerIdsOnButtons(Message message)
    {
        foreach (var button in (message.Components ?? []).SelectMany(row => row.Components ?? [])) // null when a forged message has none
        {
            if (CustomIds.TryParsePin(button.CustomId, out var id) || CustomIds.TryParseMore(button.CustomId, out id, out _)
                || CustomIds.TryParseFull(button.CustomId, out id, out _)
                || CustomIds.TryParseVote(button.CustomId, out id, out _))
                yield return id;
        }
    }

    private async Task AutocompleteAsync(Interaction interaction, CancellationToken cancellationToken)
    {
        var focused = interaction.Data?.Options?.FirstOrDefault(o => o.Focused);
        var typed = focused?.AsString()?.Trim() ?? "";
        var choices = focused?.Name != "source" ? [] : answers.Index.Documents
            .Where(d => d.Source.Length <= MaxChoiceLength)
            .Where(d => typed.Length == 0 || d.Source.Contains(typed, StringComparison.OrdinalIgnoreCase) || d.Title.Contains(typed, StringComparison.OrdinalIgnoreCase))
            .Take(MaxChoices)
            .Select(d => ApplicationCommandOptionChoice.String(ChoiceName(d.Title, d.Source), d.Source))
            .ToList();
        await responder.AutocompleteAsync(interaction, choices, cancellationToken).ConfigureAwait(false);
    }

    private static string ChoiceName(string title, string source)
    {
        var name = $"{title}（{source}）";
        return name.Length <= MaxChoiceLength ? name : name[..(MaxChoiceLength - 1)] + "…";
    }

    private static string Clip(string? text, int max) => text is null ? "" : text.Length <= max ? text.Trim() : text[..max].Trim();
}
