using System.Text;
using Bot.Discord.Gateway;
using Bot.Discord.Json;
using FakeDiscord;
using Microsoft.Extensions.Time.Testing;

namespace Bot.Discord.Tests.Units;

public sealed class GatewayUnitTests
{
    [Fact]
    public void Send_limiter_allows_117_ordinary_sends_a_minute_and_keeps_3_slots_for_heartbeats()
    {
        var time = new FakeTimeProvider();
        var limiter = new GatewaySendLimiter(time);

        for (var i = 0; i < 117; i++)
        {
            Assert.Equal(TimeSpan.Zero, limiter.TryAcquire(heartbeat: false));
            time.Advance(TimeSpan.FromMilliseconds(100));
        }

        Assert.Equal(TimeSpan.FromMilliseconds(60_000 - 11_700), limiter.TryAcquire(heartbeat: false));
        Assert.Equal(TimeSpan.Zero, limiter.TryAcquire(heartbeat: true));
        Assert.Equal(TimeSpan.Zero, limiter.TryAcquire(heartbeat: true));
        Assert.Equal(TimeSpan.Zero, limiter.TryAcquire(heartbeat: true));
        Assert.True(limiter.TryAcquire(heartbeat: true) > TimeSpan.Zero);

        time.Advance(TimeSpan.FromMilliseconds(60_000 - 11_700));
        Assert.True(limiter.TryAcquire(heartbeat: false) > TimeSpan.Zero);
        time.Advance(TimeSpan.FromMilliseconds(400));
        Assert.Equal(TimeSpan.Zero, limiter.TryAcquire(heartbeat: false));
    }

    [Fact]
    public async Task Send_limiter_wait_completes_when_the_window_frees_a_slot()
    {
        var time = new TestClock();
        var limiter = new GatewaySendLimiter(time, limit: 2, reservedForHeartbeats: 0, window: TimeSpan.FromSeconds(60));
        await limiter.WaitAsync(heartbeat: false, CancellationToken.None);
        await limiter.WaitAsync(heartbeat: false, CancellationToken.None);

        var third = limiter.WaitAsync(heartbeat: false, CancellationToken.None).AsTask();
        await time.NextTimerAsync();
        Assert.False(third.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(60));

        await third.WaitAsync(RecordLog<object>.DefaultTimeout);
    }

    [Fact]
    public void Reconnect_backoff_doubles_with_jitter_up_to_the_cap_and_resets()
    {
        var backoff = new ReconnectBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10), () => 1.0);

        var delays = Enumerable.Range(0, 6).Select(_ => backoff.NextDelay().TotalSeconds).ToArray();
        backoff.Reset();

        Assert.Equal([1, 2, 4, 8, 10, 10], delays);
        Assert.Equal(1, backoff.NextDelay().TotalSeconds);
        Assert.Equal(1, new ReconnectBackoff(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(10), () => 0.0).NextDelay().TotalSeconds);
    }

    [Fact]
    public void A_payload_over_4096_bytes_is_refused_without_echoing_its_content()
    {
        var secret = "token-like-" + new string('x', 4200);

        var error = Assert.Throws<GatewayPayloadTooLargeException>(
            () => GatewayPayloadEncoder.Encode(GatewayOpCode.Identify, secret, DiscordJsonContext.Wire.String));

        Assert.True(error.Size > 4096);
        Assert.DoesNotContain("token-like", error.Message);
        Assert.Contains("4096", error.Message);
    }

    [Fact]
    public void A_payload_of_exactly_4096_bytes_is_sent()
    {
        var envelope = Encoding.UTF8.GetByteCount("""{"op":1,"d":""}""");
        var data = new string('a', GatewayPayloadEncoder.MaxPayloadBytes - envelope);

        Assert.Equal(4096, GatewayPayloadEncoder.Encode(GatewayOpCode.Heartbeat, data, DiscordJsonContext.Wire.String).Length);
    }

    [Theory]
    [InlineData(null, "Resume")]
    [InlineData(1000, "Resume")]
    [InlineData(4000, "Resume")]
    [InlineData(4008, "Resume")]
    [InlineData(4900, "Resume")]
    [InlineData(4007, "NewSession")]
    [InlineData(4009, "NewSession")]
    [InlineData(4004, "Fatal")]
    [InlineData(4012, "Fatal")]
    [InlineData(4014, "Fatal")]
    public void Close_codes_are_classified_as_the_docs_say(int? code, string action) =>
        Assert.Equal(action, GatewayCloseCodes.Classify(code).ToString());
}
