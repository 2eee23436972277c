using System.Diagnostics;
using Bot.Discord.Gateway;
using Bot.Discord.Rest;
using Bot.Discord.Tests.Infrastructure;
using FakeDiscord;
using Xunit.Abstractions;

namespace Bot.Discord.Tests.Load;

/// <summary>A short guard that the client and the fake keep up with the load tests of the reliability work (hundreds of messages a second).</summary>
public sealed class ThroughputTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Hundreds_of_events_and_replies_a_second_flow_through_without_loss_or_duplicates()
    {
        const int Channels = 50;
        const int PerChannel = 12;
        await using var harness = await GatewayHarness.StartReadyAsync(configure: o => o with { GlobalRequestsPerSecond = 0 });
        var watch = Stopwatch.StartNew();

        var sent = Enumerable.Range(0, Channels * PerChannel).Select(i => harness.FakeGateway.SendMessageCreateAsync(
            FakePayloads.Message((ulong)(1000 + (i % Channels)), $"q{i}", harness.Server.Options.Guilds[0].Id)));
        await Task.WhenAll(sent);
        var events = await harness.Events.WaitForCountAsync(e => e is MessageCreateEvent, Channels * PerChannel, TimeSpan.FromSeconds(30));
        await Task.WhenAll(events.Cast<MessageCreateEvent>().Select(e => harness.Rest.CreateMessageAsync(
            e.Message.ChannelId, new CreateMessageRequest { Content = "a" + e.Message.Content, MessageReference = Bot.Discord.Models.MessageReference.ReplyTo(e.Message) })));
        watch.Stop();

        var replies = harness.Server.State.BotMessages();
        output.WriteLine($"{events.Count} events and {replies.Count} replies in {watch.ElapsedMilliseconds} ms");
        Assert.Equal(Channels * PerChannel, events.Select(e => ((MessageCreateEvent)e).Message.Content).Distinct().Count());
        Assert.Equal(Channels * PerChannel, replies.Select(r => r["content"]!.GetValue<string>()).Distinct().Count());
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"took {watch.Elapsed.TotalSeconds:0.0} s");
    }
}
