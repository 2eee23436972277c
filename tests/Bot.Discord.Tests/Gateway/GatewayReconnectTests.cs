using System.Text.Json;
using Bot.Discord.Gateway;
using Bot.Discord.Tests.Infrastructure;
using FakeDiscord;

namespace Bot.Discord.Tests.Gateway;

public sealed class GatewayReconnectTests
{
    private const ulong Channel = 42;

    /// <summary>For the tests that need heartbeats to notice a dead connection on the real clock.</summary>
    private static readonly FakeDiscordOptions QuickBeats = new() { Token = TestTimings.Token, HeartbeatInterval = TimeSpan.FromMilliseconds(250) };

    [Fact]
    public async Task Reconnect_op7_resumes_with_the_session_id_and_last_sequence()
    {
        await using var harness = await GatewayHarness.StartReadyAsync();
        var session = await harness.FakeGateway.WaitForReadyAsync();
        var first = await harness.FakeGateway.WaitForConnectionNumberAsync(1);
        await harness.FakeGateway.SendMessageCreateAsync(FakePayloads.Message(Channel, "one"));
        await harness.WaitForEventAsync<MessageCreateEvent>();

        await first.SendReconnectAsync();
        var second = await harness.FakeGateway.WaitForConnectionNumberAsync(2);
        var resume = (await harness.FakeGateway.WaitForPayloadAsync(6, p => p.ConnectionId == 2)).Data!.Value;
        await harness.WaitForEventAsync<ResumedEvent>();
        await first.Ended.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal("/gateway-resume", second.Path);
        Assert.Equal("?v=10&encoding=json", second.Query);
        Assert.Equal(session.Id, resume.GetProperty("session_id").GetString());
        Assert.Equal(session.Sequence - 1, resume.GetProperty("seq").GetInt64()); // RESUMED took the last number
        Assert.NotNull(first.ClientCloseStatus);
        Assert.NotEqual(1000, first.ClientCloseStatus);
        Assert.NotEqual(1001, first.ClientCloseStatus);
        Assert.Single(harness.FakeGateway.Received.Where(p => p.Op == 2));
    }

    [Fact]
    public async Task Invalid_session_true_resumes()
    {
        await using var harness = await GatewayHarness.StartReadyAsync();
        var session = await harness.FakeGateway.WaitForReadyAsync();

        await (await harness.FakeGateway.WaitForConnectionNumberAsync(1)).SendInvalidSessionAsync(resumable: true);
        var resume = (await harness.FakeGateway.WaitForPayloadAsync(6, p => p.ConnectionId == 2)).Data!.Value;
        await harness.WaitForEventAsync<ResumedEvent>();

        Assert.Equal(session.Id, resume.GetProperty("session_id").GetString());
        Assert.Single(harness.FakeGateway.Received.Where(p => p.Op == 2));
    }

    [Fact]
    public async Task Invalid_session_false_waits_then_identifies_a_new_session()
    {
        var (min, max) = (TestTimings.Fast.InvalidSessionMinDelay, TestTimings.Fast.InvalidSessionMaxDelay);
        var clock = new TestClock();
        await using var harness = await GatewayHarness.StartReadyAsync(
            new FakeDiscordOptions { Token = TestTimings.Token, HeartbeatInterval = TimeSpan.FromSeconds(41.25) }, jitter: () => 0.5, clock: clock);
        var firstSession = await harness.FakeGateway.WaitForReadyAsync();

        await (await harness.FakeGateway.WaitForConnectionNumberAsync(1)).SendInvalidSessionAsync(resumable: false);
        var invalidatedAt = (await harness.FakeGateway.Sent.WaitAsync(p => p.Op == 9)).At;
        var wait = await clock.NextTimerAsync(due => due >= min && due <= max);
        Assert.Single(harness.FakeGateway.Connections.Snapshot()); // waiting, not reconnected
        clock.AdvanceTo(wait);
        var second = await harness.FakeGateway.WaitForConnectionNumberAsync(2);
        await harness.FakeGateway.WaitForPayloadAsync(2, p => p.ConnectionId == 2);
        var secondSession = await harness.FakeGateway.WaitForReadyAsync(existing: 1);

        Assert.InRange(second.ConnectedAt - invalidatedAt, min, max);
        Assert.Equal("/gateway", second.Path);
        Assert.Empty(harness.FakeGateway.Received.Where(p => p.Op == 6));
        Assert.NotEqual(firstSession.Id, secondSession.Id);
    }

    [Fact]
    public async Task Missing_heartbeat_ack_closes_the_zombie_with_a_non_1000_code_and_resumes()
    {
        await using var harness = await GatewayHarness.StartReadyAsync(QuickBeats);
        var session = await harness.FakeGateway.WaitForReadyAsync();
        var first = await harness.FakeGateway.WaitForConnectionNumberAsync(1);

        harness.FakeGateway.AcknowledgeHeartbeats = false;
        var resume = (await harness.FakeGateway.WaitForPayloadAsync(6)).Data!.Value;
        harness.FakeGateway.AcknowledgeHeartbeats = true;
        await first.Ended.WaitAsync(TimeSpan.FromSeconds(5));
        await harness.WaitForEventAsync<ResumedEvent>();

        Assert.Equal(session.Id, resume.GetProperty("session_id").GetString());
        Assert.NotNull(first.ClientCloseStatus);
        Assert.NotEqual(1000, first.ClientCloseStatus);
        Assert.Contains(harness.Log.Lines, l => l.Message.Contains("zombie"));
    }

    [Fact]
    public async Task A_connection_that_goes_silent_is_abandoned_and_the_session_resumed_elsewhere()
    {
        await using var harness = await GatewayHarness.StartReadyAsync(QuickBeats);
        var session = await harness.FakeGateway.WaitForReadyAsync();

        (await harness.FakeGateway.WaitForConnectionNumberAsync(1)).Freeze();
        var resume = (await harness.FakeGateway.WaitForPayloadAsync(6, p => p.ConnectionId == 2)).Data!.Value;
        await harness.WaitForEventAsync<ResumedEvent>();
        await harness.FakeGateway.SendMessageCreateAsync(FakePayloads.Message(Channel, "after the freeze"));

        Assert.Equal(session.Id, resume.GetProperty("session_id").GetString());
        Assert.Equal("after the freeze", (await harness.WaitForEventAsync<MessageCreateEvent>()).Message.Content);
        Assert.False(harness.Run.IsCompleted);
    }

    [Fact]
    public async Task A_dropped_socket_is_reconnected_and_resumed()
    {
        await using var harness = await GatewayHarness.StartReadyAsync();
        var session = await harness.FakeGateway.WaitForReadyAsync();

        (await harness.FakeGateway.WaitForConnectionNumberAsync(1)).Drop();
        var second = await harness.FakeGateway.WaitForConnectionNumberAsync(2);
        var resume = (await harness.FakeGateway.WaitForPayloadAsync(6, p => p.ConnectionId == 2)).Data!.Value;
        await harness.WaitForEventAsync<ResumedEvent>();

        Assert.Equal("/gateway-resume", second.Path);
        Assert.Equal(session.Id, resume.GetProperty("session_id").GetString());
    }

    [Fact]
    public async Task While_discord_is_unreachable_the_client_keeps_trying_and_resumes_when_it_is_back()
    {
        await using var harness = await GatewayHarness.StartReadyAsync();
        var session = await harness.FakeGateway.WaitForReadyAsync();

        harness.Server.SetUnreachable(true);
        await harness.FakeGateway.SendMessageCreateAsync(FakePayloads.Message(Channel, "during the outage"));
        await harness.Log.WaitForAsync(l => l.Message.StartsWith("Could not connect"), count: 2);
        harness.Server.SetUnreachable(false);
        var resume = (await harness.FakeGateway.WaitForPayloadAsync(6)).Data!.Value;
        await harness.WaitForEventAsync<ResumedEvent>();

        Assert.Equal(session.Id, resume.GetProperty("session_id").GetString());
        Assert.Equal("during the outage", (await harness.WaitForEventAsync<MessageCreateEvent>()).Message.Content);
        Assert.True(harness.Log.Lines.Count(l => l.Message.StartsWith("Could not connect")) >= 2);
        Assert.Single(harness.FakeGateway.Received.Where(p => p.Op == 2));
    }

    [Fact]
    public async Task Reconnect_before_hello_on_the_first_connection_reconnects_and_identifies()
    {
        await using var harness = await GatewayHarness.StartAsync(beforeStart: server => server.Gateway.BeforeNextHello(c => c.SendReconnectAsync()));

        await harness.WaitForEventAsync<ReadyEvent>();
        var connections = harness.FakeGateway.Connections.Snapshot();

        Assert.True(connections.Count >= 2);
        Assert.DoesNotContain(harness.FakeGateway.Received.Snapshot(), p => p.ConnectionId == 1);
        Assert.Equal("/gateway", connections[1].Path);
    }

    [Fact]
    public async Task Reconnect_before_hello_during_a_resume_reconnects_and_resumes_again()
    {
        await using var harness = await GatewayHarness.StartReadyAsync();
        var session = await harness.FakeGateway.WaitForReadyAsync();

        harness.FakeGateway.BeforeNextHello(c => c.SendReconnectAsync());
        (await harness.FakeGateway.WaitForConnectionNumberAsync(1)).Drop();
        var resume = (await harness.FakeGateway.WaitForPayloadAsync(6, p => p.ConnectionId == 3)).Data!.Value;
        await harness.WaitForEventAsync<ResumedEvent>();

        Assert.Equal(session.Id, resume.GetProperty("session_id").GetString());
        Assert.DoesNotContain(harness.FakeGateway.Received.Snapshot(), p => p.ConnectionId == 2);
    }

    [Fact]
    public async Task A_gateway_that_never_sends_hello_is_left_for_a_new_connection()
    {
        // Hello is held until the client has given up on it: the client's deadline, not the machine's speed, decides.
        var noHello = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var harness = await GatewayHarness.StartAsync(
            configure: o => o with { Timings = o.Timings with { ConnectTimeout = TimeSpan.FromMilliseconds(300) } },
            beforeStart: server => server.Gateway.BeforeNextHello(_ => noHello.Task));

        await harness.Log.WaitForAsync(l => l.Message.Contains("No Hello"));
        noHello.SetResult();
        await harness.WaitForEventAsync<ReadyEvent>();
        var first = await harness.FakeGateway.WaitForConnectionNumberAsync(1);

        Assert.False(first.IsOpen);
        Assert.Equal(GatewayCloseCodes.ClientReconnecting, first.ClientCloseStatus);
        Assert.Contains(harness.Log.Lines, l => l.Message.Contains("No Hello"));
    }

    [Fact]
    public async Task A_refused_resume_falls_back_to_identify_at_the_discovered_url()
    {
        await using var harness = await GatewayHarness.StartReadyAsync();
        var firstSession = await harness.FakeGateway.WaitForReadyAsync();

        harness.FakeGateway.RefuseResumes = true;
        (await harness.FakeGateway.WaitForConnectionNumberAsync(1)).Drop();
        await harness.FakeGateway.WaitForPayloadAsync(6, p => p.ConnectionId == 2);
        var identify = await harness.FakeGateway.WaitForPayloadAsync(2, p => p.ConnectionId > 2);
        var newSession = await harness.FakeGateway.WaitForReadyAsync(existing: 1);
        var ready = await harness.WaitForEventAsync<ReadyEvent>(r => r.Ready.SessionId == newSession.Id);
        var connections = harness.FakeGateway.Connections.Snapshot();

        Assert.Equal("/gateway-resume", connections[1].Path);
        Assert.Equal("/gateway", connections.Single(c => c.Id == identify.ConnectionId).Path);
        Assert.NotEqual(firstSession.Id, ready.Ready.SessionId);
    }

    [Fact]
    public async Task Events_sent_while_disconnected_are_delivered_exactly_once_after_the_resume()
    {
        await using var harness = await GatewayHarness.StartReadyAsync();
        await harness.FakeGateway.SendMessageCreateAsync(FakePayloads.Message(Channel, "m1"));
        await harness.WaitForEventAsync<MessageCreateEvent>(m => m.Message.Content == "m1");

        harness.FakeGateway.ReplayOverlap = 2; // the replay also repeats events the client already has
        (await harness.FakeGateway.WaitForConnectionNumberAsync(1)).Drop();
        await harness.FakeGateway.SendMessageCreateAsync(FakePayloads.Message(Channel, "m2"));
        await harness.FakeGateway.SendMessageCreateAsync(FakePayloads.Message(Channel, "m3"));
        await harness.WaitForEventAsync<ResumedEvent>();
        await harness.FakeGateway.SendMessageCreateAsync(FakePayloads.Message(Channel, "m4"));
        await harness.WaitForEventAsync<MessageCreateEvent>(m => m.Message.Content == "m4");

        Assert.Equal(["m1", "m2", "m3", "m4"], harness.EventsOf<MessageCreateEvent>().Select(e => e.Message.Content));
        Assert.Single(harness.EventsOf<GuildCreateEvent>());
    }

    [Fact]
    public async Task Unauthorized_gateway_discovery_stops_with_a_clear_error()
    {
        await using var harness = await GatewayHarness.StartAsync(configure: o => o with { Token = "some-other-fake-token" });

        var error = await Assert.ThrowsAsync<Bot.Discord.Rest.DiscordUnauthorizedException>(() => harness.Run.WaitAsync(TimeSpan.FromSeconds(10)));

        Assert.Contains("DISCORD_TOKEN", error.Message);
        Assert.Empty(harness.FakeGateway.Connections.Snapshot());
    }
}
