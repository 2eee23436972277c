using Bot.Answers;
using Bot.Discord;
using Bot.Discord.Interactions;
using Bot.Discord.Models;
using Bot.Discord.Rest;
using Bot.Interactions;
using Bot.Localization;
using Bot.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Bot.Pins;

/// <summary>
/// Moderators pin and unpin answers: the message is pinned on Discord and the pin stored, or neither. The
/// intent is written first; a crash between Discord's answer and the final write is settled at start. When the
/// database cannot be written (another process holds it, the disk is full), nothing is done on Discord, or what
/// Discord did is taken back, and the moderator is told.
/// </summary>
internal sealed class PinService(
    IDiscordRest rest,
    PinStore pins,
    AnswerStore answers,
    AnswerService answerService,
    PinnedAnswers pinned,
    InteractionResponder responder,
    ILogger<PinService> logger)
{
    private const int MaxPinPages = 6;

    /// <summary>Pin Messages or Manage Messages, as Discord reports them for the member in this channel.</summary>
    public static bool MayPin(Interaction interaction) =>
        interaction.Member is { } member
        && (member.Permissions.HasFlag(Permissions.PinMessages) || member.Permissions.HasFlag(Permissions.ManageMessages));

    /// <summary>Pins the answer shown in <paramref name="messageId"/>, or unpins it when it is pinned already.</summary>
    public async Task ToggleAsync(Interaction interaction, StoredAnswer answer, ulong messageId, CancellationToken cancellationToken)
    {
        if (interaction.GuildId is not { } guildId)
        {
            await responder.TellAsync(interaction, Strings.PinOnlyInServers, cancellationToken).ConfigureAwait(false);
            return;
        }
        if (!MayPin(interaction))
        {
            await responder.TellAsync(interaction, Strings.MayNotPin, cancellationToken).ConfigureAwait(false);
            return;
        }
        if (answer.GuildId != guildId || (answer.MessageId is { } known && known != messageId))
        {
            await responder.TellAsync(interaction, Strings.NotThisAnswer, cancellationToken).ConfigureAwait(false);
            return;
        }

        await responder.DeferAsync(interaction, cancellationToken).ConfigureAwait(false);
        var result = pins.Find(messageId) is { } pin
            ? await UnpinAsync(answer, guildId, pin, cancellationToken).ConfigureAwait(false)
            : await PinAsync(interaction, answer, guildId, messageId, cancellationToken).ConfigureAwait(false);
        await responder.FinishAsync(interaction, result, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Settles the pins and unpins a crash left half done, against the channel's pins on Discord.</summary>
    public async Task ReconcileAsync(CancellationToken cancellationToken)
    {
        foreach (var intent in pins.PendingIntents())
        {
            try
            {
                var pinnedOnDiscord = await IsPinnedAsync(intent.ChannelId, intent.MessageId, cancellationToken).ConfigureAwait(false);
                var done = intent.Action == PinStore.Pin ? pinnedOnDiscord : !pinnedOnDiscord;
                if (done)
                    pins.Complete(intent.MessageId);
                else
                    pins.Abandon(intent.MessageId);
                pinned.Invalidate(intent.GuildId);
                logger.LogInformation("Settled an interrupted {Action} of message {Message}: {Outcome}", intent.Action, intent.MessageId, done ? "completed" : "dropped");
            }
            catch (Exception e) when (e is SqliteException || (e is DiscordException && e is not DiscordUnauthorizedException))
            {
                logger.LogWarning("Could not settle the interrupted {Action} of message {Message} yet: {Reason}", intent.Action, intent.MessageId, e.Message);
            }
        }
    }

    private async Task<string> PinAsync(Interaction interaction, StoredAnswer answer, ulong guildId, ulong messageId, CancellationToken cancellationToken)
    {
        var user = interaction.InvokingUser;
        var channelId = interaction.ChannelId ?? answer.ChannelId;
        if (!TryStore(() => pins.Begin(new PinIntent(messageId, PinStore.Pin, guildId, channelId, answer.Id, answer.Question, answerService.PassagesOf(answer),
                user?.Id ?? 0, user?.DisplayName ?? "?")), "the intent to pin", messageId))
            return Strings.PinFailedNotStored;
        try
        {
            await rest.PinMessageAsync(channelId, messageId, cancellationToken).ConfigureAwait(false);
        }
        catch (DiscordException e) when (e is not DiscordUnauthorizedException)
        {
            TryStore(() => pins.Abandon(messageId), "the refused pin", messageId);
            logger.LogWarning("Discord refused to pin message {Message}: {Reason}", messageId, e.Message);
            return string.Format(Strings.PinFailed, Explain(e));
        }
        if (!TryStore(() => pins.Complete(messageId), "the pin", messageId))
        {
            // Pinned on Discord but not stored: take it back, so that "failed" is the whole truth. If the intent cannot
            // be dropped either, the next start finds the message unpinned and drops it then.
            try
            {
                await rest.UnpinMessageAsync(channelId, messageId, cancellationToken).ConfigureAwait(false);
            }
            catch (DiscordException e) when (e is not DiscordUnauthorizedException)
            {
                logger.LogWarning("Message {Message} stays pinned on Discord; its pin is stored when the bot next starts: {Reason}", messageId, e.Message);
                return Strings.PinnedNotStored;
            }
            TryStore(() => pins.Abandon(messageId), "the undone pin", messageId);
            return Strings.PinFailedNotStored;
        }
        TryStore(() => answers.SetMessage(answer.Id, messageId), "the pinned answer's message", messageId);
        pinned.Invalidate(guildId);
        logger.LogInformation("Pinned answer {Answer} in channel {Channel}", answer.Id, channelId);
        return Strings.Pinned;
    }

    private async Task<string> UnpinAsync(StoredAnswer answer, ulong guildId, StoredPin pin, CancellationToken cancellationToken)
    {
        var messageId = pin.MessageId;
        if (!TryStore(() => pins.Begin(new PinIntent(messageId, PinStore.Unpin, guildId, pin.ChannelId, answer.Id, pin.Question, pin.Passages, pin.PinnedBy, pin.PinnedByName)),
                "the intent to unpin", messageId))
            return Strings.UnpinFailedNotStored;
        try
        {
            await rest.UnpinMessageAsync(pin.ChannelId, messageId, cancellationToken).ConfigureAwait(false);
        }
        catch (DiscordApiException e) when (e.Code == DiscordErrorCodes.UnknownMessage)
        {
            // The message is gone, and its pin with it.
        }
        catch (DiscordException e) when (e is not DiscordUnauthorizedException)
        {
            TryStore(() => pins.Abandon(messageId), "the refused unpin", messageId);
            logger.LogWarning("Discord refused to unpin message {Message}: {Reason}", messageId, e.Message);
            return string.Format(Strings.UnpinFailed, Explain(e));
        }
        if (!TryStore(() => pins.Complete(messageId), "the unpin", messageId))
        {
            // The intent stays: the next start finds the message unpinned on Discord and removes the stored pin.
            return Strings.UnpinnedNotStored;
        }
        pinned.Invalidate(guildId);
        logger.LogInformation("Unpinned answer {Answer} in channel {Channel}", answer.Id, pin.ChannelId);
        return Strings.Unpinned;
    }

    /// <summary>Runs a write to the bot's tables; false (logged) when the database cannot take it.</summary>
    private bool TryStore(Action write, string what, ulong messageId)
    {
        try
        {
            write();
            return true;
        }
        catch (SqliteException e)
        {
            logger.LogWarning("Could not store {What} of message {Message}: {Reason}", what, messageId, e.Message);
            return false;
        }
    }

    private async Task<bool> IsPinnedAsync(ulong channelId, ulong messageId, CancellationToken cancellationToken)
    {
        DateTimeOffset? before = null;
        for (var page = 0; page < MaxPinPages; page++)
        {
            var pinsPage = await rest.GetChannelPinsAsync(channelId, before, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (pinsPage.Items.Any(p => p.Message?.Id == messageId))
                return true;
            if (!pinsPage.HasMore || pinsPage.Items.Count == 0)
                return false;
            before = pinsPage.Items[^1].PinnedAt;
        }
        return false;
    }

    private static string Explain(DiscordException e) => e switch
    {
        DiscordApiException { Code: DiscordErrorCodes.MissingPermissions } => Strings.BotMayNotPin,
        DiscordApiException { Code: DiscordErrorCodes.MaxPinsReached } => Strings.PinsFull,
        DiscordApiException { Code: DiscordErrorCodes.UnknownMessage } => Strings.MessageGone,
        DiscordApiException { Code: { } code } => string.Format(Strings.DiscordError, code),
        _ => Strings.DiscordNotResponding,
    };
}
