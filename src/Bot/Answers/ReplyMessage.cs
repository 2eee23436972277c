using Bot.Discord.Interactions;
using Bot.Discord.Models;
using Bot.Discord.Rest;

namespace Bot.Answers;

/// <summary>What the bot says, before it is shaped into a message post, an interaction response or an edit.</summary>
internal sealed record ReplyMessage(string? Content, IReadOnlyList<Embed> Embeds, IReadOnlyList<MessageComponent> Components)
{
    public static ReplyMessage Text(string content) => new(content, [], []);

    public CreateMessageRequest AsReplyTo(Message question) => new()
    {
        Content = Content,
        Embeds = Embeds,
        Components = Components,
        // A reply pings its author unless told not to; a deleted question still gets its answer, unthreaded.
        AllowedMentions = AllowedMentions.None with { RepliedUser = false },
        MessageReference = MessageReference.ReplyTo(question) with { FailIfNotExists = false },
    };

    public InteractionResponse AsResponse(bool ephemeral) => InteractionResponse.Message(Content, Embeds, Components, ephemeral);

    public InteractionResponse AsUpdate() => InteractionResponse.UpdateMessage(Content, Embeds, Components);

    public WebhookMessageRequest AsWebhookEdit() => new() { Content = Content ?? "", Embeds = Embeds, Components = Components };
}
