using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Bot.Discord.Gateway;
using Bot.Discord.Interactions;
using Bot.Discord.Models;
using Bot.Discord.Tests.Infrastructure;
using FakeDiscord;
using Microsoft.Extensions.Logging;

namespace Bot.Discord.Tests.Gateway;

public sealed class GatewayEventTests
{
    private const ulong Channel = 42;
    private const ulong Guild = 900000000000000010;

    [Fact]
    public async Task A_payload_split_over_several_frames_is_reassembled()
    {
        await using var harness = await GatewayHarness.StartReadyAsync();
        var content = string.Concat(Enumerable.Repeat("转录稿里的一段话。", 400));

        await harness.FakeGateway.DispatchAsync("MESSAGE_CREATE", FakePayloads.Message(Channel, content, Guild), frames: 7);
        var received = await harness.WaitForEventAsync<MessageCreateEvent>();

        Assert.Equal(content, received.Message.Content);
        Assert.Single(harness.FakeGateway.Connections.Snapshot());
    }

    [Fact]
    public async Task Unknown_opcodes_malformed_payloads_and_unknown_events_are_skipped_and_later_events_still_arrive()
    {
        await using var harness = await GatewayHarness.StartReadyAsync();
        var connection = await harness.FakeGateway.WaitForConnectionNumberAsync(1);

        await connection.SendRawAsync("""{"op":99,"d":{"surprise":true}}""");
        await connection.SendRawAsync("""{"op":0,"t":"MESSAGE_CREATE","d":{"id":""");
        await connection.SendRawAsync("""{"op":0,"t":"MESSAGE_CREATE","d":"not an object"}""");
        await harness.FakeGateway.DispatchAsync("MESSAGE_CREATE", new JsonObject { ["content"] = "no id or channel" });
        await harness.FakeGateway.DispatchAsync("MESSAGE_CREATE", new JsonObject { ["id"] = "1", ["channel_id"] = "2", ["mentions"] = null });
        await harness.FakeGateway.DispatchAsync("INTERACTION_CREATE", new JsonObject { ["id"] = "not-a-snowflake", ["token"] = "t" });
        await harness.FakeGateway.DispatchAsync("SOME_FUTURE_EVENT", new JsonObject { ["x"] = 1 });
        await harness.FakeGateway.SendMessageCreateAsync(FakePayloads.Message(Channel, "still here", Guild));

        var received = await harness.WaitForEventAsync<MessageCreateEvent>();

        Assert.Equal("still here", received.Message.Content);
        Assert.Single(harness.EventsOf<MessageCreateEvent>());
        Assert.Empty(harness.EventsOf<InteractionCreateEvent>());
        Assert.Single(harness.FakeGateway.Connections.Snapshot());
        Assert.Contains(harness.Log.Lines, l => l.Level == LogLevel.Warning && l.Message.Contains("unknown opcode 99"));
        Assert.Contains(harness.Log.Lines, l => l.Level == LogLevel.Warning && l.Message.Contains("not valid JSON"));
        Assert.Equal(4, harness.Log.Lines.Count(l => l.Level == LogLevel.Warning && (l.Message.StartsWith("Skipped MESSAGE_CREATE") || l.Message.StartsWith("Skipped INTERACTION_CREATE"))));
    }

    [Fact]
    public async Task Interactions_arrive_typed_with_options_member_permissions_and_token()
    {
        await using var harness = await GatewayHarness.StartReadyAsync();
        var command = FakePayloads.SlashCommand(
            "ask", Channel, Guild, [FakePayloads.Option("question", 3, "什么是对齐？"), FakePayloads.Option("private", 5, true)],
            permissions: FakePayloads.ModeratorPermissions);

        await harness.FakeGateway.SendInteractionCreateAsync(command);
        var interaction = (await harness.WaitForEventAsync<InteractionCreateEvent>()).Interaction;

        Assert.Equal(InteractionType.ApplicationCommand, interaction.Type);
        Assert.Equal("ask", interaction.Data!.Name);
        Assert.Equal(ApplicationCommandType.ChatInput, interaction.Data.Type);
        Assert.Equal("什么是对齐？", interaction.Data.GetOption("question")!.AsString());
        Assert.True(interaction.Data.GetOption("private")!.AsBoolean());
        Assert.True(interaction.Member!.Permissions.HasFlag(Permissions.PinMessages));
        Assert.Equal("asker", interaction.InvokingUser!.Username);
        Assert.Equal(command["token"]!.GetValue<string>(), interaction.Token);
    }

    [Fact]
    public async Task A_slow_handler_does_not_delay_heartbeats_or_other_events()
    {
        var interval = TimeSpan.FromSeconds(41.25);
        var options = new FakeDiscordOptions { Token = TestTimings.Token, HeartbeatInterval = interval };
        await using var harness = await GatewayHarness.StartAsync(options, jitter: () => 0.5, collectEvents: false, clock: new TestClock());
        var dispatcher = new GatewayEventDispatcher(harness.Gateway, harness.Log.For<GatewayEventDispatcher>(), maxConcurrency: 4);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handled = new ConcurrentQueue<string>();
        var slowStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var fastHandled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var afterHandled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var readySeen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var stop = new CancellationTokenSource();
        var dispatching = dispatcher.RunAsync(
            async (e, ct) =>
            {
                switch (e)
                {
                    case ReadyEvent:
                        readySeen.TrySetResult();
                        break;
                    case MessageCreateEvent { Message.Content: "slow" }:
                        slowStarted.TrySetResult();
                        await release.Task.WaitAsync(ct);
                        handled.Enqueue("slow");
                        break;
                    case MessageCreateEvent { Message.Content: "boom" }:
                        throw new InvalidOperationException("handler bug");
                    case MessageCreateEvent m:
                        handled.Enqueue(m.Message.Content);
                        (m.Message.Content == "fast" ? fastHandled : afterHandled).TrySetResult();
                        break;
                }
            },
            stop.Token);
        await readySeen.Task.WaitAsync(RecordLog<object>.DefaultTimeout);

        // Each beat returns once the client has read its ACK, which it could not if the slow handler held up receiving.
        await harness.FakeGateway.SendMessageCreateAsync(FakePayloads.Message(Channel, "slow", Guild));
        await slowStarted.Task.WaitAsync(RecordLog<object>.DefaultTimeout);
        await harness.BeatAsync(interval * 0.5);
        await harness.FakeGateway.SendMessageCreateAsync(FakePayloads.Message(Channel, "boom", Guild));
        await harness.FakeGateway.SendMessageCreateAsync(FakePayloads.Message(Channel, "fast", Guild));
        for (var i = 0; i < 3; i++)
        {
            await harness.BeatAsync(interval);
        }

        await fastHandled.Task.WaitAsync(RecordLog<object>.DefaultTimeout);
        var fastHandledWhileSlowBlocked = handled.ToArray();

        release.SetResult();
        await harness.FakeGateway.SendMessageCreateAsync(FakePayloads.Message(Channel, "after", Guild));
        await afterHandled.Task.WaitAsync(RecordLog<object>.DefaultTimeout);
        await harness.BeatAsync(interval);
        await stop.CancelAsync();
        await dispatching.WaitAsync(RecordLog<object>.DefaultTimeout);

        Assert.Equal(["fast"], fastHandledWhileSlowBlocked);
        Assert.Contains("slow", handled);
        Assert.Contains("after", handled);
        Assert.Contains(harness.Log.Lines, l => l.Level == LogLevel.Error && l.Exception!.Contains("handler bug"));
        Assert.Single(harness.FakeGateway.Connections.Snapshot());
    }
}
