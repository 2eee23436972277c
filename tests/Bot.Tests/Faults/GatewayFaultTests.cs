using System.Text.Json.Nodes;
using Bot.Tests.Infrastructure;
using FakeDiscord;
using Xunit.Abstractions;

namespace Bot.Tests.Faults;

/// <summary>
/// One bot for the gateway faults (each test uses its own channel and leaves the bot connected). Timings are scaled down
/// (<see cref="FaultChecks.ShortTimings"/>), heartbeats come every second, and every resume also replays two events
/// the bot already had, as Discord may: a bot that did not drop them would answer twice.
/// </summary>
public sealed class GatewayFaultFixture : BotFixture
{
    protected override BotTestOptions CreateOptions() => new()
    {
        Configuration = FaultChecks.ShortTimings,
        ConfigureDiscord = o => o with { HeartbeatInterval = TimeSpan.FromSeconds(1) },
    };
}

/// <summary>
/// The gateway misbehaves (connection cut mid-event, op 7 and op 9 storms, no heartbeat ACKs, every close code Discord
/// lets a bot come back from, Discord unreachable for a while): every question sent before, during (where Discord buffers
/// it for a resume) and after is answered exactly once.
/// </summary>
public sealed class GatewayFaultTests : IClassFixture<GatewayFaultFixture>
{
    private readonly GatewayFaultFixture fixture;
    private readonly ITestOutputHelper output;

    public GatewayFaultTests(GatewayFaultFixture fixture, ITestOutputHelper output)
    {
        this.fixture = fixture;
        this.output = output;
        Gateway.ReplayOverlap = 2;
    }

    private BotUnderTest Bot => fixture.Bot;

    private FakeGateway Gateway => Bot.Discord.Gateway;

    [Fact]
    public async Task Connection_dropped_right_after_a_batch_of_questions_loses_and_doubles_none()
    {
        var channel = BotUnderTest.NewId();
        var sessions = Gateway.Sessions.Count;
        var before = await Bot.SendQuestionsAsync(channel, 3);
        await Bot.AssertEachAnsweredOnceAsync(before);

        // A batch dispatched back to back; the connection is cut once three of them are on the wire, the others are
        // being written or still queued.
        var connection = await Bot.LiveConnectionAsync();
        var batch = Enumerable.Range(0, 8).Select(_ => FaultChecks.Question(channel)).ToList();
        var ids = batch.Select(q => q["id"].Text()).ToHashSet();
        var sending = Task.WhenAll(batch.Select(Bot.SendAsync));
        await Gateway.Sent.WaitForCountAsync(
            p => p.ConnectionId == connection.Id && p.EventName == "MESSAGE_CREATE" && ids.Contains(p.Data?.GetProperty("id").GetString()), 3, BotUnderTest.Timeout);
        connection.Drop();
        await sending;

        // While the bot is away Discord keeps the events for the resume.
        var during = await Bot.SendQuestionsAsync(channel, 3);
        await Bot.WaitForResumedAsync(connection.Id);
        var after = await Bot.SendQuestionsAsync(channel, 3);

        await Bot.AssertEachAnsweredOnceAsync([.. before, .. batch, .. during, .. after], output, what: "dropped mid-event");
        Assert.Equal(sessions, Gateway.Sessions.Count); // resumed, not a new session
    }

    [Fact]
    public async Task An_op_7_storm_interleaved_with_questions_loses_and_doubles_none()
    {
        var channel = BotUnderTest.NewId();
        var sessions = Gateway.Sessions.Count;
        var questions = new List<JsonObject>();
        for (var round = 0; round < 4; round++)
        {
            var connection = await Bot.LiveConnectionAsync();
            questions.AddRange(await Bot.SendQuestionsAsync(channel, 2));
            await connection.SendReconnectAsync();
            if (round % 2 == 1)
                await connection.SendReconnectAsync(); // two in a row on the same connection
            questions.AddRange(await Bot.SendQuestionsAsync(channel, 2)); // live or buffered, whichever comes first
            await Bot.WaitForResumedAsync(connection.Id);
        }
        questions.AddRange(await Bot.SendQuestionsAsync(channel, 2));

        await Bot.AssertEachAnsweredOnceAsync(questions, output, what: "op 7 ×6");
        Assert.Equal(sessions, Gateway.Sessions.Count);
    }

    [Fact]
    public async Task An_op_9_storm_resumable_and_not_interleaved_with_questions_loses_and_doubles_none()
    {
        var channel = BotUnderTest.NewId();
        var questions = new List<JsonObject>();
        var newSessions = 0;
        var sessionsAtStart = Gateway.Sessions.Count;
        foreach (var resumable in new[] { true, false, true, true, false })
        {
            var connection = await Bot.LiveConnectionAsync();
            var sessions = Gateway.Sessions.Count;
            questions.AddRange(await Bot.SendQuestionsAsync(channel, 2));
            // Questions already delivered are answered whatever happens to the session afterwards.
            await BotUnderTest.EventuallyAsync(() => questions.All(q => Bot.RepliesShown(channel, q.MessageId()) > 0));
            await connection.SendInvalidSessionAsync(resumable);
            if (resumable)
            {
                // Discord keeps the session: what is sent meanwhile is replayed on the resume.
                questions.AddRange(await Bot.SendQuestionsAsync(channel, 2));
                await Bot.WaitForResumedAsync(connection.Id);
            }
            else
            {
                // A new session starts empty, on Discord too: ask again once it is READY.
                await Gateway.WaitForReadyAsync(sessions, BotUnderTest.Timeout);
                newSessions++;
            }
            questions.AddRange(await Bot.SendQuestionsAsync(channel, 1));
        }

        await Bot.AssertEachAnsweredOnceAsync(questions, output, what: "op 9 ×5 (3 resumable, 2 not)");
        Assert.Equal(sessionsAtStart + newSessions, Gateway.Sessions.Count);
    }

    [Theory]
    [InlineData("no heartbeat ACKs")]
    [InlineData("a frozen socket")]
    public async Task A_zombie_connection_is_noticed_and_resumed_and_loses_and_doubles_none(string zombie)
    {
        var channel = BotUnderTest.NewId();
        var sessions = Gateway.Sessions.Count;
        var connection = await Bot.LiveConnectionAsync();
        var before = await Bot.SendQuestionsAsync(channel, 2);
        await Bot.AssertEachAnsweredOnceAsync(before);

        var zombieLines = Bot.Log.Count(l => l.Message.Contains("zombie", StringComparison.Ordinal));
        if (zombie == "no heartbeat ACKs")
            Gateway.AcknowledgeHeartbeats = false;
        else
            connection.Freeze();
        var during = await Bot.SendQuestionsAsync(channel, 2);
        try
        {
            await Bot.Log.WaitForAsync(l => l.Message.Contains("zombie", StringComparison.Ordinal), zombieLines + 1, TimeSpan.FromSeconds(10));
        }
        finally
        {
            Gateway.AcknowledgeHeartbeats = true;
        }
        during.AddRange(await Bot.SendQuestionsAsync(channel, 2));
        await Bot.WaitForResumedAsync(connection.Id);
        var after = await Bot.SendQuestionsAsync(channel, 2);

        await Bot.AssertEachAnsweredOnceAsync([.. before, .. during, .. after], output, what: $"zombie ({zombie})");
        Assert.Equal(sessions, Gateway.Sessions.Count);
    }

    [Theory]
    [InlineData(4000, true)]
    [InlineData(4001, true)]
    [InlineData(4002, true)]
    [InlineData(4003, true)]
    [InlineData(4005, true)]
    [InlineData(4008, true)]
    [InlineData(4007, false)]
    [InlineData(4009, false)]
    public async Task A_close_the_bot_may_come_back_from_loses_and_doubles_no_question(int code, bool resumes)
    {
        var channel = BotUnderTest.NewId();
        var connection = await Bot.LiveConnectionAsync();
        var sessions = Gateway.Sessions.Count;
        var questions = await Bot.SendQuestionsAsync(channel, 2);
        await BotUnderTest.EventuallyAsync(() => questions.All(q => Bot.RepliesShown(channel, q.MessageId()) > 0));

        await connection.CloseAsync(code, "test close");
        if (resumes)
        {
            // The bot is away: Discord buffers these for the resume.
            questions.AddRange(await Bot.SendQuestionsAsync(channel, 2));
            await Bot.WaitForResumedAsync(connection.Id);
        }
        else
        {
            await Gateway.WaitForReadyAsync(sessions, BotUnderTest.Timeout);
        }
        questions.AddRange(await Bot.SendQuestionsAsync(channel, 2));

        await Bot.AssertEachAnsweredOnceAsync(questions, output, what: $"close {code}");
        Assert.Equal(resumes ? sessions : sessions + 1, Gateway.Sessions.Count);
    }
}
