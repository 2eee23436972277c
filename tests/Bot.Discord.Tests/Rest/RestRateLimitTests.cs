using Bot.Discord.Rest;
using Bot.Discord.Tests.Infrastructure;
using FakeDiscord;
using Microsoft.Extensions.Logging;

namespace Bot.Discord.Tests.Rest;

public sealed class RestRateLimitTests
{
    private static CreateMessageRequest Text(string content) => new() { Content = content };

    [Fact]
    public async Task An_empty_bucket_makes_the_next_request_wait_for_reset_after_while_other_channels_go_ahead()
    {
        await using var harness = await RestHarness.StartAsync();
        harness.FakeRest.Enqueue("POST /channels/1/messages", FakeResponse.WithRateLimitHeaders(remaining: 0, resetAfterSeconds: 0.5));

        await harness.Rest.CreateMessageAsync(1, Text("first"));
        var second = harness.Rest.CreateMessageAsync(1, Text("second"));
        await harness.Rest.CreateMessageAsync(2, Text("other channel"));
        await second;

        var channel1 = harness.Requests("POST /channels/1/messages");
        var channel2 = harness.Requests("POST /channels/2/messages").Single();
        Assert.True(channel1[1].ReceivedAt - channel1[0].ReceivedAt >= TimeSpan.FromMilliseconds(450),
            $"second request after {(channel1[1].ReceivedAt - channel1[0].ReceivedAt).TotalMilliseconds} ms");
        Assert.True(channel2.Index < channel1[1].Index);
        Assert.Contains(harness.Log.Lines, l => l.Level == LogLevel.Warning && l.Message.Contains("bucket") && l.Message.Contains("waiting"));
        Assert.Equal(0, harness.FakeRest.RateLimitViolations);
    }

    [Fact]
    public async Task A_429_is_retried_after_retry_after_and_then_succeeds()
    {
        await using var harness = await RestHarness.StartAsync();
        harness.FakeRest.Enqueue("POST /channels/3/messages", FakeResponse.RateLimited(0.3));

        var message = await harness.Rest.CreateMessageAsync(3, Text("hello"));

        var attempts = harness.Requests("POST /channels/3/messages");
        Assert.Equal([429, 200], attempts.Select(r => r.StatusCode));
        Assert.True(attempts[1].ReceivedAt - attempts[0].ReceivedAt >= TimeSpan.FromMilliseconds(270));
        Assert.Equal("hello", message.Content);
        Assert.Single(harness.Server.State.MessagesIn(3));
    }

    [Fact]
    public async Task Enforced_buckets_are_respected_without_a_single_429()
    {
        await using var harness = await RestHarness.StartAsync();
        harness.FakeRest.AddRateLimit("POST /channels/{channel_id}/messages", limit: 3, window: TimeSpan.FromMilliseconds(400));

        await Task.WhenAll(Enumerable.Range(0, 9).Select(i => harness.Rest.CreateMessageAsync(4, Text($"{i}"))));

        var requests = harness.Requests("POST /channels/4/messages");
        Assert.Equal(0, harness.FakeRest.RateLimitViolations);
        Assert.Equal(9, requests.Count);
        Assert.True(requests[^1].ReceivedAt - requests[0].ReceivedAt >= TimeSpan.FromMilliseconds(700));
    }

    [Fact]
    public async Task A_global_429_pauses_every_route_under_the_global_limit_but_not_interaction_callbacks()
    {
        await using var harness = await RestHarness.StartAsync();
        harness.FakeRest.Enqueue("GET /users/@me", FakeResponse.RateLimited(0.6, global: true));

        var user = harness.Rest.GetCurrentUserAsync();
        var limited = await harness.FakeRest.WaitForRequestAsync(r => r.StatusCode == 429);
        await harness.Log.WaitForAsync(l => l.Message.Contains("Global rate limit"));
        var otherRoute = harness.Rest.CreateMessageAsync(5, Text("held back"));
        await Assert.ThrowsAsync<DiscordApiException>(() => harness.Rest.CreateInteractionResponseAsync(
            1, "unknown-interaction-token", Bot.Discord.Interactions.InteractionResponse.Message("hi")));
        await Task.WhenAll(user, otherRoute);

        var held = harness.Requests("POST /channels/5/messages").Single();
        var callback = harness.Requests("POST /interactions/{id}/{token}/callback").Single();
        Assert.True(held.ReceivedAt - limited.ReceivedAt >= TimeSpan.FromMilliseconds(540),
            $"other route sent {(held.ReceivedAt - limited.ReceivedAt).TotalMilliseconds} ms after the global 429");
        Assert.True(callback.ReceivedAt < held.ReceivedAt);
        Assert.Contains(harness.Log.Lines, l => l.Level == LogLevel.Warning && l.Message.Contains("Global rate limit"));
    }

    [Fact]
    public async Task A_429_without_rate_limit_headers_backs_off_everything_hard()
    {
        await using var harness = await RestHarness.StartAsync();
        harness.FakeRest.Enqueue("GET /users/@me", FakeResponse.RateLimited(0.05, withHeaders: false));

        var user = harness.Rest.GetCurrentUserAsync();
        var limited = await harness.FakeRest.WaitForRequestAsync(r => r.StatusCode == 429);
        await harness.Log.WaitForAsync(l => l.Message.Contains("Cloudflare"));
        await Assert.ThrowsAsync<DiscordApiException>(() => harness.Rest.CreateInteractionResponseAsync(
            1, "unknown-interaction-token", Bot.Discord.Interactions.InteractionResponse.Message("hi")));
        await user;

        var retried = harness.Requests("GET /users/@me")[1];
        var callback = harness.Requests("POST /interactions/{id}/{token}/callback").Single();
        var backoff = TestTimings.Fast.UnattributedRateLimitBackoff * 0.9;
        Assert.True(retried.ReceivedAt - limited.ReceivedAt >= backoff);
        Assert.True(callback.ReceivedAt - limited.ReceivedAt >= backoff, "even interaction callbacks wait out a Cloudflare block");
        Assert.Contains(harness.Log.Lines, l => l.Level == LogLevel.Warning && l.Message.Contains("Cloudflare"));
    }

    [Fact]
    public async Task The_global_requests_per_second_option_is_respected()
    {
        await using var harness = await RestHarness.StartAsync(o => o with { GlobalRequestsPerSecond = 20 });

        await Task.WhenAll(Enumerable.Range(0, 40).Select(i => harness.Rest.CreateMessageAsync((ulong)(100 + i), Text("x"))));

        var requests = harness.Requests("POST /channels/{channel_id}/messages");
        Assert.Equal(40, requests.Count);
        Assert.True(requests[^1].ReceivedAt - requests[0].ReceivedAt >= TimeSpan.FromMilliseconds(800),
            $"40 requests took {(requests[^1].ReceivedAt - requests[0].ReceivedAt).TotalMilliseconds} ms at 20/s");
    }

    [Fact]
    public async Task Interaction_callbacks_are_not_held_behind_the_global_limit()
    {
        await using var harness = await RestHarness.StartAsync(o => o with { GlobalRequestsPerSecond = 2 });

        await Task.WhenAll(Enumerable.Range(0, 20).Select(async i =>
            await Assert.ThrowsAsync<DiscordApiException>(() => harness.Rest.CreateInteractionResponseAsync(
                (ulong)(1000 + i), $"token-{i}", Bot.Discord.Interactions.InteractionResponse.Message("hi")))));

        var requests = harness.Requests("POST /interactions/{id}/{token}/callback");
        Assert.Equal(20, requests.Count);
        Assert.True(requests[^1].ReceivedAt - requests[0].ReceivedAt < TimeSpan.FromSeconds(3), "2/s would have taken 9 s");
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
