using System.Runtime.CompilerServices;
using Bot.Answers;
using Bot.Discord.Interactions;
using Bot.Discord.Models;
using Bot.Discord.Rest;
using Bot.Hosting;

namespace Bot.Interactions;

/// <summary>
/// Acknowledges every interaction within Discord's three seconds: the reply itself when it is ready in time,
/// otherwise a deferral ("thinking…") followed by an edit when the work is done. It remembers how far each
/// interaction got, so that work failing at any point still ends in a short error rather than "interaction failed".
/// </summary>
internal sealed class InteractionResponder(IDiscordRest rest, BotOptions options, BotIdentity identity, TimeProvider time)
{
    private readonly ConditionalWeakTable<Interaction, Progress> progress = new();

    private enum Stage
    {
        /// <summary>Not acknowledged yet: Discord shows "interaction failed" unless we answer.</summary>
        None,

        /// <summary>"Thinking…": an edit of the original response completes it.</summary>
        Deferred,

        /// <summary>The button's message will be edited: a private follow-up says what went wrong.</summary>
        DeferredUpdate,

        /// <summary>The user has seen the answer or a message.</summary>
        Done,
    }

    /// <param name="update">Edit the message the component is on, instead of posting a new one.</param>
    public async Task ReplyAsync(Interaction interaction, Func<ReplyMessage> work, bool ephemeral, bool update, CancellationToken cancellationToken)
    {
        var task = Task.Run(work, cancellationToken);
        var finished = await Task.WhenAny(task, Task.Delay(TimeSpan.FromMilliseconds(options.DeferAfterMilliseconds), time, cancellationToken)).ConfigureAwait(false) == task;
        if (finished)
        {
            var reply = await task.ConfigureAwait(false);
            await RespondAsync(interaction, update ? reply.AsUpdate() : reply.AsResponse(ephemeral), Stage.Done, cancellationToken).ConfigureAwait(false);
            return;
        }

        var deferral = update ? InteractionResponse.DeferUpdate() : InteractionResponse.Defer(ephemeral);
        await RespondAsync(interaction, deferral, update ? Stage.DeferredUpdate : Stage.Deferred, cancellationToken).ConfigureAwait(false);
        // Work failing from here on is reported like any other failure (FailAsync, by stage): a button's answer stays.
        var late = await task.ConfigureAwait(false);
        await rest.EditOriginalResponseAsync(ApplicationId(interaction), interaction.Token, late.AsWebhookEdit(), cancellationToken).ConfigureAwait(false);
        Mark(interaction, Stage.Done);
    }

    /// <summary>A short message only the user sees: a refusal, a mistake they can fix, a confirmation.</summary>
    public Task TellAsync(Interaction interaction, string text, CancellationToken cancellationToken) =>
        RespondAsync(interaction, ReplyMessage.Text(text).AsResponse(ephemeral: true), Stage.Done, cancellationToken);

    public Task AutocompleteAsync(Interaction interaction, IReadOnlyList<ApplicationCommandOptionChoice> choices, CancellationToken cancellationToken) =>
        RespondAsync(interaction, InteractionResponse.Autocomplete(choices), Stage.Done, cancellationToken);

    public Task DeferAsync(Interaction interaction, CancellationToken cancellationToken) =>
        RespondAsync(interaction, InteractionResponse.Defer(ephemeral: true), Stage.Deferred, cancellationToken);

    /// <summary>Completes a deferred ephemeral acknowledgement with a message.</summary>
    public async Task FinishAsync(Interaction interaction, string text, CancellationToken cancellationToken)
    {
        await rest.EditOriginalResponseAsync(ApplicationId(interaction), interaction.Token, ReplyMessage.Text(text).AsWebhookEdit(), cancellationToken).ConfigureAwait(false);
        Mark(interaction, Stage.Done);
    }

    /// <summary>
    /// The work failed with something other than a Discord error: tell the user briefly, in whatever way the interaction
    /// still allows (the response itself, the edit that ends "thinking…", or a private follow-up).
    /// </summary>
    public Task FailAsync(Interaction interaction, CancellationToken cancellationToken) =>
        StageOf(interaction) switch
        {
            Stage.None => TellAsync(interaction, AnswerFormatter.Failed, cancellationToken),
            Stage.Deferred => FinishAsync(interaction, AnswerFormatter.Failed, cancellationToken),
            Stage.DeferredUpdate => rest.CreateFollowupMessageAsync(ApplicationId(interaction), interaction.Token,
                new WebhookMessageRequest { Content = AnswerFormatter.Failed, Flags = MessageFlags.Ephemeral }, cancellationToken),
            _ => Task.CompletedTask,
        };

    private async Task RespondAsync(Interaction interaction, InteractionResponse response, Stage stage, CancellationToken cancellationToken)
    {
        await rest.CreateInteractionResponseAsync(interaction.Id, interaction.Token, response, cancellationToken).ConfigureAwait(false);
        Mark(interaction, stage);
    }

    private void Mark(Interaction interaction, Stage stage) => progress.GetOrCreateValue(interaction).Stage = stage;

    private Stage StageOf(Interaction interaction) => progress.TryGetValue(interaction, out var p) ? p.Stage : Stage.None;

    private ulong ApplicationId(Interaction interaction) => interaction.ApplicationId != 0 ? interaction.ApplicationId : identity.ApplicationId;

    private sealed class Progress
    {
        public volatile Stage Stage;
    }
}
