using Bot.Discord.Interactions;
using Bot.Discord.Json;
using Bot.Discord.Models;

namespace Bot.Discord.Rest;

public sealed partial class RestClient
{
    // Interaction endpoints are not bound to the global rate limit; their rate-limit resource is the interaction (webhook) itself.

    public Task CreateInteractionResponseAsync(ulong interactionId, string interactionToken, InteractionResponse response, CancellationToken cancellationToken = default)
    {
        var body = response.Data is { } data && CarriesMessage(response.Type)
            ? response with { Data = data with { AllowedMentions = data.AllowedMentions ?? AllowedMentions.None } }
            : response;
        var route = new Route(
            HttpMethod.Post,
            "/interactions/{interaction_id}/{interaction_token}/callback",
            $"interactions/{interactionId}/{Route.Escape(interactionToken)}/callback",
            Major(interactionId),
            exemptFromGlobalLimit: true);
        return SendAsync(route, body, DiscordJsonContext.Wire.InteractionResponse, cancellationToken);
    }

    public Task<Message> EditOriginalResponseAsync(ulong applicationId, string interactionToken, WebhookMessageRequest request, CancellationToken cancellationToken = default) =>
        SendWebhookMessageAsync(HttpMethod.Patch, "/messages/@original", applicationId, interactionToken, request, cancellationToken);

    public Task<Message> CreateFollowupMessageAsync(ulong applicationId, string interactionToken, WebhookMessageRequest request, CancellationToken cancellationToken = default) =>
        SendWebhookMessageAsync(HttpMethod.Post, "", applicationId, interactionToken, request, cancellationToken);

    /// <summary>The interaction webhook routes: their rate-limit resource is the webhook and the token together.</summary>
    private Task<Message> SendWebhookMessageAsync(
        HttpMethod method, string suffix, ulong applicationId, string interactionToken, WebhookMessageRequest request, CancellationToken cancellationToken)
    {
        var body = request with { AllowedMentions = request.AllowedMentions ?? AllowedMentions.None };
        var route = new Route(
            method,
            "/webhooks/{application_id}/{interaction_token}" + suffix,
            $"webhooks/{applicationId}/{Route.Escape(interactionToken)}{suffix}",
            Major(applicationId) + "/" + interactionToken,
            exemptFromGlobalLimit: true);
        return SendAsync(route, body, DiscordJsonContext.Wire.WebhookMessageRequest, DiscordJsonContext.Wire.Message, cancellationToken);
    }

    private static bool CarriesMessage(InteractionCallbackType type) =>
        type is InteractionCallbackType.ChannelMessageWithSource
            or InteractionCallbackType.DeferredChannelMessageWithSource
            or InteractionCallbackType.UpdateMessage;
}
