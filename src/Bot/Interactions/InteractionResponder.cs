using Bot.Answers;
using Bot.Discord.Interactions;
using Bot.Discord.Rest;
using Bot.Hosting;
using Microsoft.Extensions.Logging;

namespace Bot.Interactions;

/// <summary>
/// Acknowledges every interaction within Discord's three seconds: the reply itself when it is ready in time,
/// otherwise a deferral ("thinking…") followed by an edit when the work is done.
/// </summary>
internal sealed class InteractionResponder(IDiscordRest rest, BotOptions options, BotIdentity identity, ILogger<InteractionResponder> logger)
{
    /// <param name="update">Edit the message the component is on, instead of posting a new one.</param>
    public async Task ReplyAsync(Interaction interaction, Func<ReplyMessage> work, bool ephemeral, bool update, CancellationToken cancellationToken)
    {
        var task = Task.Run(work, cancellationToken);
        var finished = await Task.WhenAny(task, Task.Delay(options.DeferAfterMilliseconds, cancellationToken)).ConfigureAwait(false) == task;
        if (finished)
        {
            var reply = await task.ConfigureAwait(false);
            await rest.CreateInteractionResponseAsync(interaction.Id, interaction.Token, update ? reply.AsUpdate() : reply.AsResponse(ephemeral), cancellationToken)
                .ConfigureAwait(false);
            return;
        }

        var deferral = update ? InteractionResponse.DeferUpdate() : InteractionResponse.Defer(ephemeral);
        await rest.CreateInteractionResponseAsync(interaction.Id, interaction.Token, deferral, cancellationToken).ConfigureAwait(false);
        ReplyMessage late;
        try
        {
            late = await task.ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "An interaction's work failed after it was deferred");
            late = ReplyMessage.Text("出错了，请稍后再试。");
        }
        await rest.EditOriginalResponseAsync(ApplicationId(interaction), interaction.Token, late.AsWebhookEdit(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A short message only the user sees: a refusal, a mistake they can fix, a confirmation.</summary>
    public Task TellAsync(Interaction interaction, string text, CancellationToken cancellationToken) =>
        rest.CreateInteractionResponseAsync(interaction.Id, interaction.Token, ReplyMessage.Text(text).AsResponse(ephemeral: true), cancellationToken);

    public Task AutocompleteAsync(Interaction interaction, IReadOnlyList<ApplicationCommandOptionChoice> choices, CancellationToken cancellationToken) =>
        rest.CreateInteractionResponseAsync(interaction.Id, interaction.Token, InteractionResponse.Autocomplete(choices), cancellationToken);

    public Task DeferAsync(Interaction interaction, CancellationToken cancellationToken) =>
        rest.CreateInteractionResponseAsync(interaction.Id, interaction.Token, InteractionResponse.Defer(ephemeral: true), cancellationToken);

    /// <summary>Completes a deferred ephemeral acknowledgement with a message.</summary>
    public Task FinishAsync(Interaction interaction, string text, CancellationToken cancellationToken) =>
        rest.EditOriginalResponseAsync(ApplicationId(interaction), interaction.Token, ReplyMessage.Text(text).AsWebhookEdit(), cancellationToken);

    private ulong ApplicationId(Interaction interaction) => interaction.ApplicationId != 0 ? interaction.ApplicationId : identity.ApplicationId;
}
