using System.Diagnostics;
using Bot.Answers;
using Bot.Discord;
using Bot.Discord.Models;
using Bot.Discord.Rest;
using Bot.Storage;
using Microsoft.Extensions.Logging;

namespace Bot.Conversation;

/// <summary>Answers questions asked in channels: a reply to the question, with the best passages and buttons.</summary>
internal sealed class MessageHandler(
    QuestionExtractor extractor,
    Cooldown cooldown,
    AnswerService answers,
    AnswerStore store,
    IDiscordRest rest,
    ILogger<MessageHandler> logger)
{
    public async Task HandleAsync(Message message, CancellationToken cancellationToken)
    {
        var question = extractor.Extract(message);
        if (question is null)
            return;
        var verdict = cooldown.Check(message.Author!.Id);
        if (!verdict.IsAllowed)
        {
            if (verdict.ShouldNotify)
                await SendAsync(message, ReplyMessage.Text($"你问得有点快，请 {verdict.WaitSeconds} 秒后再问。"), null, cancellationToken).ConfigureAwait(false);
            logger.LogInformation("Question in channel {Channel} held back by the cooldown", message.ChannelId);
            return;
        }

        var clock = Stopwatch.StartNew();
        var answer = answers.Ask(question, message.GuildId, message.ChannelId, source: null, pinButton: message.GuildId is not null);
        var sent = await SendAsync(message, answer.Reply, answer.AnswerId, cancellationToken).ConfigureAwait(false);
        if (sent)
        {
            logger.LogInformation("Answered a question in channel {Channel} in {LatencyMs} ms with {Results} results",
                message.ChannelId, clock.ElapsedMilliseconds, answer.Results);
        }
    }

    private async Task<bool> SendAsync(Message question, ReplyMessage reply, long? answerId, CancellationToken cancellationToken)
    {
        try
        {
            var sent = await rest.CreateMessageAsync(question.ChannelId, reply.AsReplyTo(question), cancellationToken).ConfigureAwait(false);
            if (answerId is { } id)
                store.SetMessage(id, sent.Id);
            return true;
        }
        catch (DiscordException e) when (e is not DiscordUnauthorizedException)
        {
            if (answerId is { } id)
                store.Remove(id);
            logger.LogWarning("Could not answer in channel {Channel}: {Reason}", question.ChannelId, e.Message);
            return false;
        }
    }
}
