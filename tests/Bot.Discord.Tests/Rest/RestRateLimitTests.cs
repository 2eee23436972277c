using Bot.Discord.Rest;
using Bot.Discord.Tests.Infrastructure;
using FakeDiscord;
using Microsoft.Extensions.Logging;

namespace Bot.Discord.Tests.Rest;

public sealed class RestRateLimitTests
{
    private static CreateMessageRequest Text(string content) => new() { Content = content };

    // These run the fake and the client on a TestClock: a wait is seen as a timer the client starts, and the fake's
    // ReceivedAt tells how far the clock had to move before a request went out.
    [Fact]
    public async Task An_empty_bucket_makes_the_next_request_wait_for_reset_after_while_other_channels_go_ahead()
    {
        var clock = new TestClock();
        await using var harness = await RestHarness.StartAsync(clock: clock);
        harness.FakeRest.Enqueue("POST /channels/1/messages", FakeResponse.WithRateLimitHeaders(remaining: 0, resetAfterSeconds: 0.5));

        await harness.Rest.CreateMessageAsync(1, Text("first"));
        var second = harness.Rest.CreateMessageAsync(1, Text("second"));
        await harness.Rest.CreateMessageAsync(2, Text("other channel")); // while the clock stands still
        var wait = await clock.NextTimerAsync();
        Assert.Single(harness.Requests("POST /channels/1/messages"));
        clock.AdvanceTo(wait);
        await second;

        var channel1 = harness.Requests("POST /channels/1/messages");
        var channel2 = harness.Requests("POST /channels/2/messages").Single();
        Assert.True(channel1[1].ReceivedAt - channel1[0].ReceivedAt >= TimeSpan.FromSeconds(0.5),
            $"second request {channel1[1].ReceivedAt - channel1[0].ReceivedAt} after the first");
        Assert.True(channel2.Index < channel1[1].Index);
        Assert.Contains(harness.Log.Lines, l => l.Level == LogLevel.Warning && l.Message.Contains("bucket") && l.Message.Contains("waiting"));
        Assert.Equal(0, harness.FakeRest.RateLimitViolations);
    }

    [Fact]
    public async Task A_429_is_retried_after_retry_after_and_then_succeeds()
    {
        var clock = new TestClock();
        await using var harness = await RestHarness.StartAsync(clock: clock);
        harness.FakeRest.Enqueue("POST /channels/3/messages", FakeResponse.RateLimited(0.3));

        var sending = harness.Rest.CreateMessageAsync(3, Text("hello"));
        var wait = await clock.NextTimerAsync();
        Assert.Single(harness.Requests("POST /channels/3/messages"));
        clock.AdvanceTo(wait);
        var message = await sending;

        var attempts = harness.Requests("POST /channels/3/messages");
        Assert.Equal([429, 200], attempts.Select(r => r.StatusCode));
        Assert.True(attempts[1].ReceivedAt - attempts[0].ReceivedAt >= TimeSpan.FromSeconds(0.3));
        Assert.Equal("hello", message.Content);
        Assert.Single(harness.Server.State.MessagesIn(3));
    }

    [Fact]
    public async Task Enforced_buckets_are_respected_without_a_single_429()
    {
        var clock = new TestClock();
        await using var harness = await RestHarness.StartAsync(clock: clock);
        harness.FakeRest.AddRateLimit("POST /channels/{channel_id}/messages", limit: 3, window: TimeSpan.FromMilliseconds(400));

        await clock.AdvanceUntilAsync(Task.WhenAll(Enumerable.Range(0, 9).Select(i => harness.Rest.CreateMessageAsync(4, Text($"{i}")))));

        var requests = harness.Requests("POST /channels/4/messages");
        Assert.Equal(0, harness.FakeRest.RateLimitViolations);
        Assert.Equal(9, requests.Count);
        Assert.True(requests[^1].ReceivedAt - requests[0].ReceivedAt >= TimeSpan.FromMilliseconds(800)); // three windows
    }

    [Fact]
    public async Task A_global_429_pauses_every_route_under_the_global_limit_but_not_interaction_callbacks()
    {
        var clock = new TestClock();
        await using var harness = await RestHarness.StartAsync(clock: clock);
        harness.FakeRest.Enqueue("GET /users/@me", FakeResponse.RateLimited(0.6, global: true));

        var user = harness.Rest.GetCurrentUserAsync();
        var limited = await harness.FakeRest.WaitForRequestAsync(r => r.StatusCode == 429);
        await harness.Log.WaitForAsync(l => l.Message.Contains("Global rate limit"));
        var otherRoute = harness.Rest.CreateMessageAsync(5, Text("held back"));
        await Assert.ThrowsAsync<DiscordApiException>(() => harness.Rest.CreateInteractionResponseAsync(
            1, "unknown-interaction-token", Bot.Discord.Interactions.InteractionResponse.Message("hi"))); // while the clock stands still
        await clock.AdvanceUntilAsync(Task.WhenAll(user, otherRoute));

        var held = harness.Requests("POST /channels/5/messages").Single();
        var callback = harness.Requests("POST /interactions/{id}/{token}/callback").Single();
        Assert.True(held.ReceivedAt - limited.ReceivedAt >= TimeSpan.FromSeconds(0.6),
            $"other route sent {held.ReceivedAt - limited.ReceivedAt} after the global 429");
        Assert.True(callback.ReceivedAt < held.ReceivedAt);
        Assert.Contains(harness.Log.Lines, l => l.Level == LogLevel.Warning && l.Message.Contains("Global rate limit"));
    }

    [Fact]
    public async Task A_429_without_rate_limit_headers_backs_off_everything_hard()
    {
        var clock = new TestClock();
        await using var harness = await RestHarness.StartAsync(clock: clock);
        harness.FakeRest.Enqueue("GET /users/@me", FakeResponse.RateLimited(0.05, withHeaders: false));

        var user = harness.Rest.GetCurrentUserAsync();
        var limited = await harness.FakeRest.WaitForRequestAsync(r => r.StatusCode == 429);
        await harness.Log.WaitForAsync(l => l.Message.Contains("Cloudflare"));
        var callback = Assert.ThrowsAsync<DiscordApiException>(() => harness.Rest.CreateInteractionResponseAsync(
            1, "unknown-interaction-token", Bot.Discord.Interactions.InteractionResponse.Message("hi")));
        await clock.AdvanceUntilAsync(Task.WhenAll(user, callback));

        var retried = harness.Requests("GET /users/@me")[1];
        var sentCallback = harness.Requests("POST /interactions/{id}/{token}/callback").Single();
        var backoff = TestTimings.Fast.UnattributedRateLimitBackoff;
        Assert.True(retried.ReceivedAt - limited.ReceivedAt >= backoff);
        Assert.True(sentCallback.ReceivedAt - limited.ReceivedAt >= backoff, "even interaction callbacks wait out a Cloudflare block");
        Assert.Contains(harness.Log.Lines, l => l.Level == LogLevel.Warning && l.Message.Contains("Cloudflare"));
    }

    [Fact]
    public async Task The_global_requests_per_second_option_is_respected()
    {
        var clock = new TestClock();
        await using var harness = await RestHarness.StartAsync(o => o with { GlobalRequestsPerSecond = 20 }, clock: clock);

        var sends = Task.WhenAll(Enumerable.Range(0, 40).Select(i => harness.Rest.CreateMessageAsync((ulong)(100 + i), Text("x"))));
        for (var i = 0; i < 20; i++)
        {
            await clock.NextTimerAsync(); // 20 requests wait for the next second
        }

        await harness.FakeRest.WaitForRequestsAsync("POST /channels/{channel_id}/messages", 20);
        Assert.Equal(20, harness.Requests("POST /channels/{channel_id}/messages").Count);
        clock.Advance(TimeSpan.FromSeconds(1));
        await sends.WaitAsync(RecordLog<object>.DefaultTimeout);

        var requests = harness.Requests("POST /channels/{channel_id}/messages");
        Assert.Equal(40, requests.Count);
        Assert.Equal(20, requests.Count(r => r.ReceivedAt >= TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public async Task Interaction_callbacks_are_not_held_behind_the_global_limit()
    {
        // The clock never moves: at 2/s, all but two would wait for it forever.
        await using var harness = await RestHarness.StartAsync(o => o with { GlobalRequestsPerSecond = 2 }, clock: new TestClock());

        await Task.WhenAll(Enumerable.Range(0, 20).Select(async i =>
            await Assert.ThrowsAsync<DiscordApiException>(() => harness.Rest.CreateInteractionResponseAsync(
                (ulong)(1000 + i), $"token-{i}", Bot.Discord.Interactions.InteractionResponse.Message("hi"))))).WaitAsync(RecordLog<object>.DefaultTimeout);

        Assert.Equal(20, harness.Requests("POST /interactions/{id}/{token}/callback").Count);
    }

    [Fact]
    public async Task Requests_to_the_same_bucket_keep_their_order()
    {
        await using var harness = await RestHarness.StartAsync();
        harness.FakeRest.Enqueue("POST /channels/7/messages", FakeResponse.WithRateLimitHeaders(remaining: 0, resetAfterSeconds: 0.2));
        harness.FakeRest.Enqueue("POST /channels/7/messages", FakeResponse.Delayed(TimeSpan.FromMilliseconds(50)), times: 5);

        var sends = Enumerable.Range(0, 20).Select(i => harness.Rest.CreateMessageAsync(7, Text($"{i}"))).ToArray();
        await Task.WhenAll(sends);

        var contents = harness.Requests("POST /channels/7/messages").Select(r => r.Body!.Value.GetProperty("content").GetString());
        Assert.Equal(Enumerable.Range(0, 20).Select(i => $"{i}"), contents);
        Assert.Equal(Enumerable.Range(0, 20).Select(i => $"{i}"), harness.Server.State.MessagesIn(7).Select(m => m["content"]!.GetValue<string>()));
    }
}
