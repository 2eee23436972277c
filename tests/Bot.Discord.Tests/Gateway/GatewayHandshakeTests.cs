using System.Text.Json;
using Bot.Discord.Gateway;
using Bot.Discord.Tests.Infrastructure;
using FakeDiscord;
using Microsoft.Extensions.Logging;

namespace Bot.Discord.Tests.Gateway;

public sealed class GatewayHandshakeTests
{
    [Fact]
    public async Task Identifies_at_the_discovered_url_and_delivers_typed_events()
    {
        await using var harness = await GatewayHarness.StartAsync();

        var ready = await harness.WaitForEventAsync<ReadyEvent>();
        var guild = await harness.WaitForEventAsync<GuildCreateEvent>();
        var session = await harness.FakeGateway.WaitForReadyAsync();
        var connection = await harness.FakeGateway.WaitForConnectionNumberAsync(1);
        var identify = (await harness.FakeGateway.WaitForPayloadAsync(2)).Data!.Value;

        Assert.Equal("/gateway", connection.Path);
        Assert.Equal("?v=10&encoding=json", connection.Query);
        Assert.Equal(TestTimings.Token, identify.GetProperty("token").GetString());
        Assert.Equal((int)GatewayIntents.Default, identify.GetProperty("intents").GetInt32());
        Assert.Equal(1 | 1 << 9 | 1 << 12 | 1 << 15, identify.GetProperty("intents").GetInt32());
        Assert.Equal("Bot.Discord", identify.GetProperty("properties").GetProperty("browser").GetString());
        Assert.Equal(session.Id, ready.Ready.SessionId);
        Assert.Equal(harness.Server.Options.BotUserId, ready.Ready.User!.Id);
        Assert.Equal(harness.Server.Options.ApplicationId, ready.Ready.Application!.Id);
        Assert.Equal(harness.Server.Options.Guilds[0].Id, guild.Guild.Id);
        Assert.Equal("Test Guild", guild.Guild.Name);

        var message = FakePayloads.Message(42, "你好", guildId: harness.Server.Options.Guilds[0].Id);
        await harness.FakeGateway.SendMessageCreateAsync(message);
        var created = await harness.WaitForEventAsync<MessageCreateEvent>();
        Assert.Equal("你好", created.Message.Content);
        Assert.Equal(42UL, created.Message.ChannelId);
        Assert.Equal("asker", created.Message.Author!.Username);
    }

    [Fact]
    public async Task Cancelling_closes_with_1000_and_returns()
    {
        var harness = await GatewayHarness.StartReadyAsync();
        await using (harness)
        {
            var connection = await harness.FakeGateway.WaitForConnectionNumberAsync(1);

            await harness.StopAsync();
            await connection.Ended.WaitAsync(TimeSpan.FromSeconds(5));

            Assert.Equal(1000, connection.ClientCloseStatus);
            Assert.True(harness.Run.IsCompletedSuccessfully);
        }
    }

    [Fact]
    public async Task Shard_options_go_into_identify()
    {
        await using var harness = await GatewayHarness.StartReadyAsync(configure: o => o with { ShardId = 1, ShardCount = 3 });

        var identify = (await harness.FakeGateway.WaitForPayloadAsync(2)).Data!.Value;

        Assert.Equal([1, 3], identify.GetProperty("shard").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal(1, (await harness.FakeGateway.WaitForReadyAsync()).ShardId);
    }

    [Fact]
    public async Task Shard_count_defaults_to_the_recommendation_when_only_the_shard_id_is_set()
    {
        await using var harness = await GatewayHarness.StartReadyAsync(
            new FakeDiscordOptions { Token = TestTimings.Token, RecommendedShards = 4 }, o => o with { ShardId = 2 });

        var identify = (await harness.FakeGateway.WaitForPayloadAsync(2)).Data!.Value;

        Assert.Equal([2, 4], identify.GetProperty("shard").EnumerateArray().Select(e => e.GetInt32()));
    }

    [Fact]
    public async Task Identify_waits_for_reset_after_when_no_session_starts_remain()
    {
        var resetAfter = TimeSpan.FromMinutes(20);
        var clock = new TestClock();
        await using var harness = await GatewayHarness.StartAsync(
            clock: clock, beforeStart: server => server.Gateway.SetSessionStartLimit(remaining: 0, resetAfter));

        await harness.Log.WaitForAsync(l => l.Level == LogLevel.Warning && l.Message.Contains("No session starts left"));
        var wait = await clock.NextTimerAsync(due => due >= resetAfter);
        Assert.Empty(harness.FakeGateway.Connections.Snapshot()); // waiting, not connected
        clock.AdvanceTo(wait);
        var identify = await harness.FakeGateway.WaitForPayloadAsync(2);
        await harness.WaitForEventAsync<ReadyEvent>();

        // The limit was set when the fake started, so it reset resetAfter into the fake's clock.
        Assert.True(identify.At >= resetAfter, $"identified {identify.At} after the fake started");
        Assert.Equal(0, harness.FakeGateway.IdentifiesOverLimit);
    }
}
