using Bot.Discord.Gateway;
using Bot.Discord.Rest;
using Bot.Discord.Tests.Infrastructure;
using FakeDiscord;

namespace Bot.Discord.Tests.Gateway;

public sealed class ShardingTests
{
    [Fact]
    public async Task Two_processes_each_running_one_shard_share_the_guilds()
    {
        // Guild ids chosen so that (id >> 22) % 2 puts one on each shard.
        var even = new FakeGuild(4UL << 22, "Even");
        var odd = new FakeGuild(5UL << 22, "Odd");
        await using var server = await FakeDiscordServer.StartAsync(new FakeDiscordOptions { Token = TestTimings.Token, Guilds = [even, odd], RecommendedShards = 2 });
        var log = new TestLog();
        using var stop = new CancellationTokenSource();
        var shards = Enumerable.Range(0, 2).Select(id =>
        {
            var options = new DiscordClientOptions { Token = TestTimings.Token, ApiBaseUrl = server.ApiBaseUrl, Timings = TestTimings.Fast, ShardId = id, ShardCount = 2 };
            var rest = new RestClient(options, log.For<RestClient>());
            var gateway = new GatewayClient(options, rest, log.For<GatewayClient>());
            var events = new RecordLog<GatewayEvent>();
            var run = gateway.RunAsync(stop.Token);
            _ = Task.Run(async () =>
            {
                await foreach (var e in gateway.ReadEventsAsync())
                {
                    events.Add(e);
                }
            });
            return (rest, events, run);
        }).ToArray();
        await server.Gateway.WaitForReadyAsync(existing: 1);

        await server.Gateway.SendMessageCreateAsync(FakePayloads.Message(1, "to even", even.Id));
        await server.Gateway.SendMessageCreateAsync(FakePayloads.Message(2, "to odd", odd.Id));
        var shard0 = await shards[0].events.WaitAsync(e => e is MessageCreateEvent);
        var shard1 = await shards[1].events.WaitAsync(e => e is MessageCreateEvent);
        await stop.CancelAsync();
        await Task.WhenAll(shards.Select(s => s.run)).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal("to even", ((MessageCreateEvent)shard0).Message.Content);
        Assert.Equal("to odd", ((MessageCreateEvent)shard1).Message.Content);
        Assert.Equal([even.Id], shards[0].events.Snapshot().OfType<GuildCreateEvent>().Select(g => g.Guild.Id));
        Assert.Equal([odd.Id], shards[1].events.Snapshot().OfType<GuildCreateEvent>().Select(g => g.Guild.Id));
        foreach (var shard in shards)
        {
            shard.rest.Dispose();
        }
    }
}
