using Bot.Discord.Models;
using Bot.Hosting;

namespace Bot.Conversation;

/// <summary>
/// Decides whether a message is a question for the bot (it mentions the bot, starts with the prefix, is in an answer
/// channel, or is a direct message to the bot) and extracts the question: mentions, custom emoji and the prefix removed.
/// Messages from bots (the bot itself included) and webhooks are never questions.
/// </summary>
internal sealed class QuestionExtractor(BotOptions options, BotIdentity identity, QuestionCleaner cleaner)
{
    public string? Extract(Message message)
    {
        if (message.Author is not { } author || author.Bot || message.WebhookId is not null || author.Id == identity.UserId)
            return null;
        if (message.Type is not (0 or 19))
            return null; // joins, pins, boosts …: system messages

        // A field missing from the event is null here, whatever default the model declares (see GatewayClient.Dispatch).
        var content = message.Content ?? "";
        var mentioned = identity.UserId != 0
            && ((message.Mentions ?? []).Any(u => u.Id == identity.UserId) || content.Contains($"<@{identity.UserId}>") || content.Contains($"<@!{identity.UserId}>"));
        var prefixed = StartsWithPrefix(content);
        var inAnswerChannel = options.AnswerChannels.Contains(message.ChannelId);
        if (!mentioned && !prefixed && !inAnswerChannel && !IsDirect(message))
            return null;

        var question = content.Trim();
        if (prefixed)
            question = question[options.Prefix.Length..];
        question = cleaner.Clean(question);
        return question.Length == 0 ? null : question;
    }

    /// <summary>
    /// A message in a DM channel: MESSAGE_CREATE carries no guild_id there. Ephemeral messages lack it too
    /// (developers/events/gateway-events.mdx), but they are the bot's own.
    /// </summary>
    private static bool IsDirect(Message message) => message.GuildId is null && !message.Flags.HasFlag(MessageFlags.Ephemeral);

    private bool StartsWithPrefix(string content)
    {
        var text = content.TrimStart();
        return text.StartsWith(options.Prefix, StringComparison.OrdinalIgnoreCase)
            && (text.Length == options.Prefix.Length || char.IsWhiteSpace(text[options.Prefix.Length]) || text[options.Prefix.Length] > 0x2E80);
    }
}
