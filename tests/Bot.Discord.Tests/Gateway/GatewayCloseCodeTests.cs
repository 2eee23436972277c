using Bot.Discord.Gateway;
using Bot.Discord.Tests.Infrastructure;
using FakeDiscord;

namespace Bot.Discord.Tests.Gateway;

public sealed class GatewayCloseCodeTests
{
    public enum Expected
    {
        Resume,
        Identify,
        Stop,
    }

    [Theory]
    [InlineData(4000, Expected.Resume)]
    [InlineData(4001, Expected.Resume)]
    [InlineData(4002, Expected.Resume)]
    [InlineData(4003, Expected.Resume)]
    [InlineData(4005, Expected.Resume)]
    [InlineData(4008, Expected.Resume)]
    [InlineData(1000, Expected.Resume)]
    [InlineData(1001, Expected.Resume)]
    [InlineData(4007, Expected.Identify)]
    [InlineData(4009, Expected.Identify)]
    [InlineData(4004, Expected.Stop)]
    [InlineData(4010, Expected.Stop)]
    [InlineData(4011, Expected.Stop)]
    [InlineData(4012, Expected.Stop)]
    [InlineData(4013, Expected.Stop)]
    [InlineData(4014, Expected.Stop)]
    public async Task A_server_close_code_leads_to_resume_identify_or_a_stop(int code, Expected expected)
    {
        await using var harness = await GatewayHarness.StartReadyAsync();
        var session = await harness.FakeGateway.WaitForReadyAsync();

        await (await harness.FakeGateway.WaitForConnectionNumberAsync(1)).CloseAsync(code, "scripted");

        switch (expected)
        {
            case Expected.Resume:
                var resume = await harness.FakeGateway.WaitForPayloadAsync(6, p => p.ConnectionId == 2);
                Assert.Equal(session.Id, resume.Data!.Value.GetProperty("session_id").GetString());
                Assert.Equal("/gateway-resume", (await harness.FakeGateway.WaitForConnectionNumberAsync(2)).Path);
                break;
            case Expected.Identify:
                await harness.FakeGateway.WaitForPayloadAsync(2, p => p.ConnectionId == 2);
                Assert.Equal("/gateway", (await harness.FakeGateway.WaitForConnectionNumberAsync(2)).Path);
                Assert.Empty(harness.FakeGateway.Received.Where(p => p.Op == 6));
                break;
            default:
                var error = await Assert.ThrowsAsync<GatewayFatalException>(() => harness.Run.WaitAsync(TimeSpan.FromSeconds(10)));
                Assert.Equal(code, error.CloseCode);
                Assert.Single(harness.FakeGateway.Connections.Snapshot());
                Assert.Contains(harness.Log.Lines, l => l.Level == Microsoft.Extensions.Logging.LogLevel.Error && l.Message == error.Message);
                break;
        }
    }

    [Fact]
    public async Task Disallowed_message_content_intent_stops_and_says_where_to_enable_it()
    {
        await using var harness = await GatewayHarness.StartAsync(new FakeDiscordOptions { Token = TestTimings.Token, MessageContentIntentEnabled = false });

        var error = await Assert.ThrowsAsync<GatewayFatalException>(() => harness.Run.WaitAsync(TimeSpan.FromSeconds(10)));

        Assert.Equal(4014, error.CloseCode);
        Assert.Contains("Developer Portal", error.Message);
        Assert.Contains("Privileged Gateway Intents", error.Message);
        Assert.Contains("Message Content Intent", error.Message);
        Assert.Contains("mentions and slash commands", error.Message);
    }

    [Fact]
    public async Task Without_the_message_content_intent_the_bot_connects()
    {
        await using var harness = await GatewayHarness.StartReadyAsync(
            new FakeDiscordOptions { Token = TestTimings.Token, MessageContentIntentEnabled = false },
            o => o with { Intents = GatewayIntents.Default & ~GatewayIntents.MessageContent });

        var identify = (await harness.FakeGateway.WaitForPayloadAsync(2)).Data!.Value;

        Assert.Equal((int)(GatewayIntents.Default & ~GatewayIntents.MessageContent), identify.GetProperty("intents").GetInt32());
        Assert.Single(harness.FakeGateway.Connections.Snapshot());
        Assert.Single(harness.EventsOf<ReadyEvent>());
        Assert.False(harness.Run.IsCompleted);
    }

    [Fact]
    public void An_invalid_token_close_says_the_token_is_invalid_and_how_to_fix_it()
    {
        var message = new GatewayFatalException(4004).Message;

        Assert.Contains("token is invalid", message);
        Assert.Contains("DISCORD_TOKEN", message);
    }

    [Theory]
    [InlineData(4010, "ShardId")]
    [InlineData(4011, "ShardCount")]
    [InlineData(4013, "intents")]
    public void Other_fatal_codes_explain_what_to_change(int code, string mentions) =>
        Assert.Contains(mentions, new GatewayFatalException(code).Message);
}
