using System.Text.Json.Nodes;
using Bot.Tests.Infrastructure;
using FakeDiscord;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace Bot.Tests.Faults;

/// <summary>
/// Discord's REST API misbehaves on the route replies go to (429 storms, 5xx bursts, lost responses, slow answers, a
/// deleted question, missing permissions): no reply is lost where Discord would take it again, none is posted twice.
/// </summary>
public sealed class RestFaultTests(ShortTimingsFixture fixture, ITestOutputHelper output) : IClassFixture<ShortTimingsFixture>
{
    private BotUnderTest Bot => fixture.Bot;

    private static string MessagesOf(ulong channel) => $"POST /channels/{channel}/messages";

    [Fact]
    public async Task A_429_storm_on_the_message_route_delays_replies_but_loses_and_doubles_none()
    {
        // Four channels, each first reply refused four times in a row (Retry-After 0.2 s), the rest of the storm spread over
        // whatever comes next in the channel.
        var channels = Enumerable.Range(0, 4).Select(_ => BotUnderTest.NewId()).ToList();
        foreach (var channel in channels)
            Bot.Discord.Rest.Enqueue(MessagesOf(channel), FakeResponse.RateLimited(0.2), times: 4);
        var questions = new List<JsonObject>();
        foreach (var channel in channels)
            questions.AddRange(await Bot.SendQuestionsAsync(channel, 3));

        await Bot.AssertEachAnsweredOnceAsync(questions, output, what: "429 storm, 16 × 429 on 4 channels");
        var refused = channels.Sum(c => Bot.PostsIn(c).Count(r => r.StatusCode == 429));
        Assert.Equal(16, refused);
    }

    [Fact]
    public async Task A_429_storm_longer_than_one_requests_retries_still_loses_no_reply()
    {
        // Nine 429s in a row on one channel: more than the client retries one request (5) before it gives up.
        var channel = BotUnderTest.NewId();
        Bot.Discord.Rest.Enqueue(MessagesOf(channel), FakeResponse.RateLimited(0.1), times: 9);
        var questions = await Bot.SendQuestionsAsync(channel, 3);

        await Bot.AssertEachAnsweredOnceAsync(questions, output, what: "429 storm, 9 in a row on one channel");
    }

    [Fact]
    public async Task A_burst_of_5xx_and_a_lost_response_lose_and_double_no_reply()
    {
        var busy = BotUnderTest.NewId();
        var broken = BotUnderTest.NewId();
        var lost = BotUnderTest.NewId();
        Bot.Discord.Rest.Enqueue(MessagesOf(busy), FakeResponse.ServerError(503), times: 2);
        Bot.Discord.Rest.Enqueue(MessagesOf(broken), FakeResponse.ServerError(500));
        Bot.Discord.Rest.Enqueue(MessagesOf(broken), FakeResponse.ServerError(502));
        // Discord posts the reply but the answer never comes back: the retry must not post it again.
        Bot.Discord.Rest.Enqueue(MessagesOf(lost), FakeResponse.LostResponse());
        var questions = new List<JsonObject>();
        foreach (var channel in new[] { busy, broken, lost })
            questions.AddRange(await Bot.SendQuestionsAsync(channel, 2));

        await Bot.AssertEachAnsweredOnceAsync(questions, output, what: "5xx ×4 and a lost response");
        var retried = Bot.PostsIn(lost).Where(r => r.StatusCode is 0 or 200).ToList();
        Assert.True(retried.Count >= 3, $"the lost reply was not retried: {string.Join(", ", retried)}");
        Assert.Equal(retried[0].Body!.Value.GetProperty("nonce").GetString(), retried[1].Body!.Value.GetProperty("nonce").GetString());
        Assert.True(retried[1].Body!.Value.GetProperty("enforce_nonce").GetBoolean());
    }

    [Fact]
    public async Task A_5xx_burst_longer_than_one_requests_retries_still_loses_no_reply()
    {
        // Five 503s in a row: more than the client retries one request (3) before it gives up.
        var channel = BotUnderTest.NewId();
        Bot.Discord.Rest.Enqueue(MessagesOf(channel), FakeResponse.ServerError(503), times: 5);
        var questions = await Bot.SendQuestionsAsync(channel, 2);

        await Bot.AssertEachAnsweredOnceAsync(questions, output, what: "503 ×5 in a row on one channel");
    }

    [Fact]
    public async Task Slow_responses_delay_only_their_own_channel_and_lose_nothing()
    {
        var slow = BotUnderTest.NewId();
        var other = BotUnderTest.NewId();
        var slowDiscord = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Bot.Discord.Rest.Enqueue(MessagesOf(slow), FakeResponse.Held(slowDiscord.Task), times: 2);
        var slowQuestions = await Bot.SendQuestionsAsync(slow, 2);

        // Discord holds the slow channel's replies until the other channel's question has been answered.
        var quickQuestion = FaultChecks.Question(other);
        await Bot.AskAsync(quickQuestion);
        slowDiscord.SetResult();
        await Bot.AssertEachAnsweredOnceAsync([.. slowQuestions, quickQuestion], output, what: "held responses");
    }

    [Fact]
    public async Task A_question_deleted_before_its_reply_still_gets_its_answer_once_unthreaded()
    {
        var channel = BotUnderTest.NewId();
        // The reply reaches Discord 300 ms late; the asker deletes the question meanwhile.
        Bot.Discord.Rest.Enqueue(MessagesOf(channel), FakeResponse.Delayed(TimeSpan.FromMilliseconds(300)));
        var question = await Bot.SendAsync(FaultChecks.Question(channel));
        Assert.True(Bot.Discord.State.DeleteMessage(question.MessageId()));

        var reply = await Bot.WaitForReplyAsync(question.MessageId());
        Assert.Equal(200, reply.Request.StatusCode);
        Assert.False(reply.Body["message_reference"]!["fail_if_not_exists"]!.GetValue<bool>());
        await Task.Delay(300);
        var shown = Bot.Discord.State.MessagesIn(channel).Where(m => m["author"]?["id"].Id() == Bot.BotUserId).ToList();
        var answer = Assert.Single(shown);
        Assert.StartsWith("问：", answer.SingleEmbed().Title);
        Assert.Single(Bot.RepliesTo(question.MessageId()));
    }

    [Theory]
    [InlineData(404, 10008, "Unknown Message")]
    [InlineData(403, 50013, "Missing Permissions")]
    [InlineData(403, 50001, "Missing Access")]
    public async Task A_reply_Discord_refuses_for_good_is_logged_not_retried_and_the_next_question_is_answered(int status, int code, string message)
    {
        var channel = BotUnderTest.NewId();
        var errors = Bot.Log.Count(l => l.Level >= LogLevel.Error);
        Bot.Discord.Rest.Enqueue(MessagesOf(channel), FakeResponse.Error(status, code, message));
        var refused = await Bot.SendAsync(FaultChecks.Question(channel));
        var warning = await Bot.Log.WaitForAsync(l => l.Level == LogLevel.Warning && l.Message.Contains($"Could not answer in channel {channel}", StringComparison.Ordinal));
        output.WriteLine(warning.ToString());
        Assert.Contains(code.ToString(), warning.Message);

        var next = await Bot.AskAsync(FaultChecks.Question(channel));

        Assert.Equal(200, next.Request.StatusCode);
        Assert.Single(Bot.RepliesTo(refused.MessageId())); // tried once: asking again would only be refused again
        Assert.Equal(errors, Bot.Log.Count(l => l.Level >= LogLevel.Error));
    }
}
