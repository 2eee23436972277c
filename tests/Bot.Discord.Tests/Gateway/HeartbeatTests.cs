using Bot.Discord.Gateway;
using Bot.Discord.Tests.Infrastructure;
using FakeDiscord;

namespace Bot.Discord.Tests.Gateway;

public sealed class HeartbeatTests
{
    [Fact]
    public async Task First_beat_comes_after_interval_times_jitter_then_one_per_interval()
    {
        var time = new ManualTimeProvider();
        var beats = new List<TimeSpan>();
        var heartbeater = new Heartbeater(TimeSpan.FromSeconds(10), time, () => 0.25, _ =>
        {
            beats.Add(TimeSpan.FromTicks(time.GetTimestamp()));
            return Task.CompletedTask;
        });
        using var stop = new CancellationTokenSource();
        var running = heartbeater.RunAsync(stop.Token);

        for (var i = 0; i < 70; i++)
        {
            await time.WaitForTimersAsync();
            time.Advance(TimeSpan.FromSeconds(0.5));
            heartbeater.Acknowledge();
        }

        await stop.CancelAsync();
        Assert.False(await running);
        Assert.Equal([2.5, 12.5, 22.5, 32.5], beats.Select(b => b.TotalSeconds));
    }

    [Fact]
    public async Task A_beat_still_unacknowledged_when_the_next_is_due_reports_a_zombie()
    {
        var time = new ManualTimeProvider();
        var sent = 0;
        var heartbeater = new Heartbeater(TimeSpan.FromSeconds(1), time, () => 0, _ =>
        {
            sent++;
            return Task.CompletedTask;
        });

        var running = heartbeater.RunAsync(CancellationToken.None);
        await time.WaitForTimersAsync();
        time.Advance(TimeSpan.FromSeconds(1));

        Assert.True(await running.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal(1, sent);
    }

    [Fact]
    public async Task Over_the_wire_the_first_beat_follows_hello_by_about_interval_times_jitter_and_then_keeps_the_interval()
    {
        var interval = TimeSpan.FromMilliseconds(400);
        await using var harness = await GatewayHarness.StartReadyAsync(
            new FakeDiscordOptions { Token = TestTimings.Token, HeartbeatInterval = interval }, jitter: () => 0.2);

        var hello = await harness.FakeGateway.Sent.WaitAsync(p => p.Op == 10);
        var beats = await harness.FakeGateway.Received.WaitForCountAsync(p => p.Op == 1, 4);

        var first = beats[0].At - hello.At;
        Assert.InRange(first, interval * 0.18, interval * 0.8); // 0.2 × interval, well before a whole interval
        var gaps = beats.Zip(beats.Skip(1), (a, b) => b.At - a.At).Order().ToArray();
        Assert.InRange(gaps[gaps.Length / 2], interval * 0.75, interval * 1.75);
    }

    [Fact]
    public async Task A_heartbeat_request_is_answered_at_once_with_op_1_carrying_the_sequence()
    {
        await using var harness = await GatewayHarness.StartReadyAsync(
            new FakeDiscordOptions { Token = TestTimings.Token, HeartbeatInterval = TimeSpan.FromSeconds(30) }, jitter: () => 0.99);
        var session = await harness.FakeGateway.WaitForReadyAsync();
        await harness.WaitForEventAsync<GuildCreateEvent>();

        await (await harness.FakeGateway.WaitForConnectionNumberAsync(1)).RequestHeartbeatAsync();
        var requested = await harness.FakeGateway.Sent.WaitAsync(p => p.Op == 1);
        var answer = await harness.FakeGateway.WaitForPayloadAsync(1);

        Assert.True(answer.At - requested.At < TimeSpan.FromSeconds(1), $"answered after {(answer.At - requested.At).TotalMilliseconds} ms");
        Assert.Equal(session.Sequence, answer.Data!.Value.GetInt64());
        Assert.DoesNotContain(harness.FakeGateway.Received.Snapshot(), p => p.Op == 11);
    }
}
