using System.Diagnostics;
using System.Globalization;
using Bot.Answers;
using Bot.Discord;
using Bot.Discord.Models;
using Bot.Discord.Rest;
using Bot.Localization;
using Bot.Metrics;
using Bot.Storage;
using Microsoft.Extensions.Logging;

namespace Bot.Conversation;

/// <summary>
/// Answers questions asked in channels and direct messages: a reply to the question, with the best passages and buttons,
/// in traditional words when the question is written in traditional characters.
/// </summary>
internal sealed class MessageHandler(
    QuestionExtractor extractor,
    Cooldown cooldown,
    AnswerService answers,
    AnswerStore store,
    IDiscordRest rest,
    TimeProvider time,
    BotMetrics metrics,
    ILogger<MessageHandler> logger)
{
    /// <summary>
    /// How long a reply is still sent when Discord cannot take it for now (unreachable, 5xx, a 429 storm longer than the
    /// client's own retries). Every attempt carries the same nonce, so Discord posts it once however often it is tried;
    /// Discord remembers nonces for a few minutes, which bounds this.
    /// </summary>
    private static readonly TimeSpan ReplyPatience = TimeSpan.FromMinutes(2);

    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxRetry = TimeSpan.FromSeconds(15);

    /// <param name="arrived">When the message came from Discord (a Stopwatch timestamp); now when not given.</param>
    public async Task HandleAsync(Message message, CancellationToken cancellationToken, long? arrived = null)
    {
        var arrival = arrived ?? Stopwatch.GetTimestamp();
        var question = extractor.Extract(message);
        if (question is null)
            return;
        BotLanguage.Use(BotLanguage.OfQuestion(question));
        var verdict = cooldown.Check(message.Author!.Id);
        if (!verdict.IsAllowed)
        {
            if (verdict.ShouldNotify)
                await SendAsync(message, ReplyMessage.Text(AnswerFormatter.TooFast(verdict.WaitSeconds)), null, cancellationToken).ConfigureAwait(false);
            logger.LogInformation("Question in channel {Channel} held back by the cooldown", message.ChannelId);
            metrics.Question(QuestionSource.Channel, "refused");
            return;
        }

        var clock = Stopwatch.StartNew();
        Answer answer;
        try
        {
            answer = answers.Ask(question, message.GuildId, message.ChannelId, source: null, pinButton: message.GuildId is not null);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Could not answer a question in channel {Channel}", message.ChannelId);
            await SendAsync(message, ReplyMessage.Text(AnswerFormatter.Failed), null, cancellationToken).ConfigureAwait(false);
            return;
        }
        var sent = await SendAsync(message, answer.Reply, answer.AnswerId, cancellationToken).ConfigureAwait(false);
        if (sent)
        {
            metrics.Question(QuestionSource.Channel, BotMetrics.ResultOf(answer.Results));
            metrics.Answered(QuestionSource.Channel, Stopwatch.GetElapsedTime(arrival));
            logger.LogInformation("Answered a question in channel {Channel} in {LatencyMs} ms with {Results} results",
                message.ChannelId, clock.ElapsedMilliseconds, answer.Results);
        }
    }

    private async Task<bool> SendAsync(Message question, ReplyMessage reply, long? answerId, CancellationToken cancellationToken)
    {
        var request = reply.AsReplyTo(question) with { Nonce = Random.Shared.NextInt64(1, long.MaxValue).ToString(CultureInfo.InvariantCulture) };
        var started = time.GetTimestamp();
        var wait = FirstRetry;
        while (true)
        {
            try
            {
                var sent = await rest.CreateMessageAsync(question.ChannelId, request, cancellationToken).ConfigureAwait(false);
                if (answerId is { } id)
                    store.SetMessage(id, sent.Id);
                return true;
            }
            catch (DiscordException e) when (e is DiscordServerErrorException or DiscordRateLimitedException && time.GetElapsedTime(started) + wait < ReplyPatience)
            {
                // Discord will take it again: the reply is not lost to an outage or a storm that outlasts one request's retries.
                var delay = e is DiscordRateLimitedException limited && limited.RetryAfter > wait ? limited.RetryAfter : wait;
                logger.LogWarning("Discord could not take the reply in channel {Channel} yet ({Reason}); trying again in {DelayMs} ms",
                    question.ChannelId, e.Message, (long)delay.TotalMilliseconds);
                await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
                wait = wait * 2 < MaxRetry ? wait * 2 : MaxRetry;
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
}
