using Bot.Discord.Gateway;
using Bot.Discord.Tests.Infrastructure;
using FakeDiscord;

namespace Bot.Discord.Tests.Gateway;

public sealed class HeartbeatTests
{
    [Fact]
    public async Task First_beat_comes_after_interval_times_jitter_then_one_per_interval()
    {
        var time = new TestClock();
        var started = time.GetTimestamp();
        var beats = new List<TimeSpan>();
        Heartbeater heartbeater = null!;
        heartbeater = new Heartbeater(TimeSpan.FromSeconds(10), time, () => 0.25, _ =>
        {
            beats.Add(time.GetElapsedTime(started));
            heartbeater.Acknowledge();
            return Task.CompletedTask;
        });
        using var stop = new CancellationTokenSource();
        var running = heartbeater.RunAsync(stop.Token);

        for (var i = 0; i < 4; i++)
        {
            time.AdvanceTo(await time.NextTimerAsync());
        }

        await stop.CancelAsync();
        Assert.False(await running);
        Assert.Equal([2.5, 12.5, 22.5, 32.5], beats.Select(b => b.TotalSeconds));
    }

    [Fact]
    public async Task A_beat_still_unacknowledged_when_the_next_is_due_reports_a_zombie()
    {
        var time = new TestClock();
        var sent = 0;
        var heartbeater = new Heartbeater(TimeSpan.FromSeconds(1), time, () => 0, _ =>
        {
            sent++;
            return Task.CompletedTask;
        });

        var running = heartbeater.RunAsync(CancellationToken.None);
        time.AdvanceTo(await time.NextTimerAsync());

        Assert.True(await running.WaitAsync(RecordLog<object>.DefaultTimeout));
        Assert.Equal(1, sent);
    }

    [Fact]
    public async Task Over_the_wire_the_first_beat_follows_hello_by_interval_times_jitter_and_then_one_per_interval()
    {
        var interval = TimeSpan.FromMilliseconds(41_250); // what Discord sends
        await using var harness = await GatewayHarness.StartReadyAsync(
            new FakeDiscordOptions { Token = TestTimings.Token, HeartbeatInterval = interval }, jitter: () => 0.2, clock: new TestClock());
        var hello = await harness.FakeGateway.Sent.WaitAsync(p => p.Op == 10);

        var beats = new List<RecordedGatewayPayload> { await harness.BeatAsync(interval * 0.2) };
        for (var i = 0; i < 3; i++)
        {
            beats.Add(await harness.BeatAsync(interval));
        }

        Assert.Equal(interval * 0.2, beats[0].At - hello.At);
        Assert.All(beats.Zip(beats.Skip(1), (a, b) => b.At - a.At), gap => Assert.Equal(interval, gap));
        Assert.Single(harness.FakeGateway.Connections.Snapshot());
    }

    [Fact]
    public async Task A_heartbeat_request_is_answered_at_once_with_op_1_carrying_the_sequence()
    {
        // The clock stands still, so the client's own first beat never comes: the only op 1 is the answer.
        await using var harness = await GatewayHarness.StartReadyAsync(
            new FakeDiscordOptions { Token = TestTimings.Token, HeartbeatInterval = TimeSpan.FromSeconds(30) }, jitter: () => 0.99, clock: new TestClock());
        var session = await harness.FakeGateway.WaitForReadyAsync();
        await harness.WaitForEventAsync<GuildCreateEvent>();

        await (await harness.FakeGateway.WaitForConnectionNumberAsync(1)).RequestHeartbeatAsync();
        var requested = await harness.FakeGateway.Sent.WaitAsync(p => p.Op == 1);
        var answer = await harness.FakeGateway.WaitForPayloadAsync(1);

        Assert.Single(harness.FakeGateway.Received.Where(p => p.Op == 1));
        Assert.Equal(session.Sequence, answer.Data!.Value.GetInt64());
        Assert.DoesNotContain(harness.FakeGateway.Received.Snapshot(), p => p.Op == 11);
    }
}
