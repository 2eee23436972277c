using Bot.Answers;
using Bot.Conversation;
using Bot.Discord;
using Bot.Discord.Interactions;
using Bot.Discord.Models;
using Bot.Discord.Rest;
using Bot.Gaps;
using Bot.Hosting;
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
    ILogger<InteractionHandler> logger)
{
    private const int MaxChoices = 25;
    private const int MaxChoiceLength = 100;

    public async Task HandleAsync(Interaction interaction, CancellationToken cancellationToken)
    {
        try
        {
            switch (interaction.Type)
            {
                case InteractionType.ApplicationCommand when interaction.Data?.Type == ApplicationCommandType.Message:
                    await ContextMenuAsync(interaction, cancellationToken).ConfigureAwait(false);
                    break;
                case InteractionType.ApplicationCommand:
                    await CommandAsync(interaction, cancellationToken).ConfigureAwait(false);
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

    private async Task CommandAsync(Interaction interaction, CancellationToken cancellationToken)
    {
        // Discord always sends data with a command; without it there is no command to run, only a user to tell.
        var data = interaction.Data ?? new InteractionData();
        switch (data.Name)
        {
            case CommandCatalog.Ask:
                var question = Clip(data.GetOption("question")?.AsString(), CommandCatalog.MaxQuestionLength);
                var ephemeral = data.GetOption("private")?.AsBoolean() ?? false;
                await AskAsync(interaction, question, data.GetOption("source")?.AsString(), ephemeral, cancellationToken).ConfigureAwait(false);
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
                await responder.TellAsync(interaction, "置顶回答只在服务器里有。", cancellationToken).ConfigureAwait(false);
                break;
            case CommandCatalog.Gaps:
                await gaps.RunAsync(interaction, data, cancellationToken).ConfigureAwait(false);
                break;
            case CommandCatalog.Help:
                await responder.ReplyAsync(interaction, () => AnswerFormatter.Help(options.Prefix), ephemeral: true, update: false, cancellationToken).ConfigureAwait(false);
                break;
            default:
                await responder.TellAsync(interaction, "这个命令已经不存在了。", cancellationToken).ConfigureAwait(false);
                break;
        }
    }

    private async Task AskAsync(Interaction interaction, string question, string? source, bool ephemeral, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(question))
        {
            await responder.TellAsync(interaction, "请写下你的问题，例如 `/ask 为什么 Schulman 离开 OpenAI？`", cancellationToken).ConfigureAwait(false);
            return;
        }
        if (await RejectUnknownSourceAsync(interaction, source, cancellationToken).ConfigureAwait(false))
            return;
        var verdict = cooldown.Check(interaction.InvokingUser?.Id ?? 0);
        if (!verdict.IsAllowed)
        {
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
        logger.LogInformation("Answered /ask in channel {Channel} in {LatencyMs} ms with {Results} results", interaction.ChannelId, clock.ElapsedMilliseconds, results);
    }

    private async Task SearchAsync(Interaction interaction, InteractionData data, CancellationToken cancellationToken)
    {
        var query = Clip(data.GetOption("query")?.AsString(), CommandCatalog.MaxQueryLength);
        var source = data.GetOption("source")?.AsString();
        if (string.IsNullOrWhiteSpace(query))
        {
            await responder.TellAsync(interaction, "请写下要找的关键词，例如 `/search 数据墙`。", cancellationToken).ConfigureAwait(false);
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
        await responder.TellAsync(interaction, $"没有名为「{DiscordText.Truncated(source, 80)}」的转录稿。请从自动补全里选一份，或用 `/sources` 查看全部。", cancellationToken)
            .ConfigureAwait(false);
        return true;
    }

    private async Task ContextMenuAsync(Interaction interaction, CancellationToken cancellationToken)
    {
        var data = interaction.Data!;
        var target = data.TargetId is { } id && data.Resolved?.Messages?.TryGetValue(id, out var message) == true ? message : null;
        if (target is null)
        {
            await responder.TellAsync(interaction, "找不到那条消息。", cancellationToken).ConfigureAwait(false);
            return;
        }
        switch (data.Name)
        {
            case CommandCatalog.AnswerMessage:
                var question = Clip(cleaner.Clean(target.Content), CommandCatalog.MaxQuestionLength);
                if (question.Length == 0)
                {
                    await responder.TellAsync(interaction, "那条消息没有文字，无法当作问题。", cancellationToken).ConfigureAwait(false);
                    return;
                }
                await AskAsync(interaction, question, source: null, ephemeral: false, cancellationToken).ConfigureAwait(false);
                break;
            case CommandCatalog.PinAnswer:
                if (AnswerShownIn(target) is not { } answer)
                {
                    await responder.TellAsync(interaction, "只能置顶机器人的回答。", cancellationToken).ConfigureAwait(false);
                    return;
                }
                await pinService.ToggleAsync(interaction, answer, target.Id, cancellationToken).ConfigureAwait(false);
                break;
            default:
                await responder.TellAsync(interaction, "这个命令已经不存在了。", cancellationToken).ConfigureAwait(false);
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
            await responder.TellAsync(interaction, "这个按钮已经失效了，请重新提问。", cancellationToken).ConfigureAwait(false);
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
            await responder.TellAsync(interaction, "这个回答已经过期了，请重新提问。", cancellationToken).ConfigureAwait(false);
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
            await responder.TellAsync(interaction, "这个按钮不属于这条回答，什么也没有改变。", cancellationToken).ConfigureAwait(false);
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
