using System.Net;
using Bot.Discord.Interactions;
using Bot.Discord.Rest;
using Bot.Discord.Tests.Infrastructure;
using FakeDiscord;
using Microsoft.Extensions.Logging;

namespace Bot.Discord.Tests.Rest;

public sealed class RestErrorTests
{
    [Fact]
    public async Task Server_errors_are_retried_a_bounded_number_of_times_then_surface_typed()
    {
        await using var harness = await RestHarness.StartAsync();
        harness.FakeRest.Enqueue("GET /users/@me", FakeResponse.ServerError(503), times: 10);

        var error = await Assert.ThrowsAsync<DiscordServerErrorException>(() => harness.Rest.GetCurrentUserAsync());

        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.StatusCode);
        Assert.Equal(1 + TestTimings.Fast.ServerErrorRetries, error.Attempts);
        Assert.Equal(1 + TestTimings.Fast.ServerErrorRetries, harness.Requests("GET /users/@me").Count);
        Assert.Equal("GET /users/@me", error.Route);
    }

    [Fact]
    public async Task A_passing_server_error_is_retried_and_succeeds()
    {
        await using var harness = await RestHarness.StartAsync();
        harness.FakeRest.Enqueue("GET /applications/@me", FakeResponse.ServerError(502));

        var application = await harness.Rest.GetCurrentApplicationAsync();

        Assert.Equal(harness.Server.Options.ApplicationId, application.Id);
        Assert.Equal([502, 200], harness.Requests("GET /applications/@me").Select(r => r.StatusCode));
    }

    [Fact]
    public async Task A_message_post_whose_response_was_lost_is_retried_with_the_same_nonce_and_posts_once()
    {
        await using var harness = await RestHarness.StartAsync();
        harness.FakeRest.Enqueue("POST /channels/8/messages", FakeResponse.LostResponse());

        var message = await harness.Rest.CreateMessageAsync(8, new CreateMessageRequest { Content = "only once" });

        var attempts = harness.Requests("POST /channels/8/messages");
        Assert.Equal(2, attempts.Count);
        var nonces = attempts.Select(r => r.Body!.Value.GetProperty("nonce").GetString()).ToArray();
        Assert.False(string.IsNullOrEmpty(nonces[0]));
        Assert.True(nonces[0]!.Length <= 25);
        Assert.Equal(nonces[0], nonces[1]);
        Assert.All(attempts, r => Assert.True(r.Body!.Value.GetProperty("enforce_nonce").GetBoolean()));
        var stored = Assert.Single(harness.Server.State.MessagesIn(8));
        Assert.Equal(message.Id.ToString(), stored["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_callers_nonce_is_kept_across_retries()
    {
        await using var harness = await RestHarness.StartAsync();
        harness.FakeRest.Enqueue("POST /channels/9/messages", FakeResponse.ServerError(504));

        await harness.Rest.CreateMessageAsync(9, new CreateMessageRequest { Content = "x", Nonce = "answer-123" });

        Assert.All(harness.Requests("POST /channels/9/messages"), r => Assert.Equal("answer-123", r.Body!.Value.GetProperty("nonce").GetString()));
    }

    [Fact]
    public async Task Posts_that_cannot_be_made_idempotent_are_not_retried_after_a_server_error()
    {
        await using var harness = await RestHarness.StartAsync();
        harness.FakeRest.Enqueue("POST /webhooks/{app}/{token}", FakeResponse.ServerError(503));

        await Assert.ThrowsAsync<DiscordServerErrorException>(() =>
            harness.Rest.CreateFollowupMessageAsync(1, "interaction-token", new WebhookMessageRequest { Content = "x" }));

        Assert.Single(harness.Requests("POST /webhooks/{app}/{token}"));
    }

    [Fact]
    public async Task Missing_permissions_is_not_retried_and_carries_code_50013()
    {
        await using var harness = await RestHarness.StartAsync();
        harness.FakeRest.Enqueue("PUT /channels/{c}/messages/pins/{m}", FakeResponse.Error(403, 50013, "Missing Permissions"));

        var error = await Assert.ThrowsAsync<DiscordApiException>(() => harness.Rest.PinMessageAsync(10, 11));

        Assert.Equal(HttpStatusCode.Forbidden, error.StatusCode);
        Assert.Equal(DiscordErrorCodes.MissingPermissions, error.Code);
        Assert.Equal("Missing Permissions", error.DiscordMessage);
        Assert.Contains("50013", error.Message);
        Assert.Single(harness.Requests("PUT /channels/{c}/messages/pins/{m}"));
    }

    [Fact]
    public async Task A_401_stops_all_later_requests()
    {
        await using var harness = await RestHarness.StartAsync(o => o with { Token = "a-different-fake-token" });

        var first = await Assert.ThrowsAsync<DiscordUnauthorizedException>(() => harness.Rest.GetCurrentUserAsync());
        var second = await Assert.ThrowsAsync<DiscordUnauthorizedException>(() => harness.Rest.CreateMessageAsync(1, new CreateMessageRequest { Content = "x" }));

        Assert.Equal(HttpStatusCode.Unauthorized, first.StatusCode);
        Assert.Contains("DISCORD_TOKEN", second.Message);
        Assert.Single(harness.FakeRest.Requests.Snapshot());
        Assert.Contains(harness.Log.Lines, l => l.Level == LogLevel.Error && l.Message.Contains("rejected the bot token"));
    }

    [Fact]
    public async Task Errors_carry_discords_json_codes()
    {
        await using var harness = await RestHarness.StartAsync(serverOptions: new FakeDiscordOptions { Token = TestTimings.Token, MaxPinsPerChannel = 1 });
        var first = await harness.Rest.CreateMessageAsync(20, new CreateMessageRequest { Content = "a" });
        var second = await harness.Rest.CreateMessageAsync(20, new CreateMessageRequest { Content = "b" });
        await harness.Rest.PinMessageAsync(20, first.Id);

        var unknown = await Assert.ThrowsAsync<DiscordApiException>(() => harness.Rest.GetMessageAsync(20, 12345));
        var maxPins = await Assert.ThrowsAsync<DiscordApiException>(() => harness.Rest.PinMessageAsync(20, second.Id));
        var tooLong = await Assert.ThrowsAsync<DiscordApiException>(() => harness.Rest.CreateMessageAsync(20, new CreateMessageRequest { Content = new string('长', 2001) }));
        var deadReply = await Assert.ThrowsAsync<DiscordApiException>(() => harness.Rest.CreateMessageAsync(20, new CreateMessageRequest
        {
            Content = "reply", MessageReference = new Bot.Discord.Models.MessageReference { MessageId = 999, ChannelId = 20 },
        }));
        var unknownInteraction = await Assert.ThrowsAsync<DiscordApiException>(() =>
            harness.Rest.CreateInteractionResponseAsync(1, "t", InteractionResponse.Defer()));

        Assert.Equal((HttpStatusCode.NotFound, DiscordErrorCodes.UnknownMessage), (unknown.StatusCode, unknown.Code));
        Assert.Equal((HttpStatusCode.BadRequest, DiscordErrorCodes.MaxPinsReached), (maxPins.StatusCode, maxPins.Code));
        Assert.Equal(DiscordErrorCodes.InvalidFormBody, tooLong.Code);
        Assert.True(tooLong.Errors!.Value.TryGetProperty("content", out _));
        Assert.Equal(DiscordErrorCodes.InvalidFormBody, deadReply.Code);
        Assert.Equal(DiscordErrorCodes.UnknownInteraction, unknownInteraction.Code);
        Assert.Equal([first.Id], harness.Server.State.PinnedMessageIds(20));
    }
}
