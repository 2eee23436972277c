using Bot.Discord.Gateway;
using Bot.Discord.Rest;
using FakeDiscord;

namespace Bot.Discord.Tests.Infrastructure;

/// <summary>
/// A fake Discord plus our gateway and REST clients pointed at it, with every event collected for assertions.
/// Disposing stops the client and checks that the token never reached a log line.
/// </summary>
public sealed class GatewayHarness : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();

    private GatewayHarness(FakeDiscordServer server, DiscordClientOptions options, TestLog log, Func<double>? jitter, TestClock? clock)
    {
        Server = server;
        Options = options;
        Log = log;
        Clock = clock;
        Rest = new RestClient(options, log.For<RestClient>(), clock);
        Gateway = jitter is null
            ? new GatewayClient(options, Rest, log.For<GatewayClient>(), clock)
            : new GatewayClient(options, Rest, log.For<GatewayClient>(), clock) { HeartbeatJitter = jitter };
    }

    public FakeDiscordServer Server { get; }
    public DiscordClientOptions Options { get; }
    public TestLog Log { get; }
    public RestClient Rest { get; }
    public GatewayClient Gateway { get; }
    public RecordLog<GatewayEvent> Events { get; } = new();

    /// <summary>The clock the fake and both clients run on, when the test moves time itself; null for the real clock.</summary>
    public TestClock? Clock { get; }

    /// <summary>RunAsync's task: completes on shutdown, faults on a fatal close.</summary>
    public Task Run { get; private set; } = Task.CompletedTask;

    public FakeGateway FakeGateway => Server.Gateway;

    /// <param name="collectEvents">False when the test consumes <see cref="GatewayClient.ReadEventsAsync"/> itself.</param>
    /// <param name="beforeStart">Scripts the fake before the client first connects.</param>
    /// <param name="clock">Runs the fake and the clients on this clock instead of the real one.</param>
    public static async Task<GatewayHarness> StartAsync(
        FakeDiscordOptions? serverOptions = null,
        Func<DiscordClientOptions, DiscordClientOptions>? configure = null,
        Func<double>? jitter = null,
        bool collectEvents = true,
        Action<FakeDiscordServer>? beforeStart = null,
        TestClock? clock = null)
    {
        serverOptions ??= new FakeDiscordOptions { Token = TestTimings.Token };
        var server = await FakeDiscordServer.StartAsync(clock is null ? serverOptions : serverOptions with { Time = clock });
        beforeStart?.Invoke(server);
        var options = new DiscordClientOptions { Token = TestTimings.Token, ApiBaseUrl = server.ApiBaseUrl, Timings = TestTimings.Fast };
        var harness = new GatewayHarness(server, configure?.Invoke(options) ?? options, new TestLog(), jitter, clock);
        harness.Run = Task.Run(() => harness.Gateway.RunAsync(harness._stop.Token));
        if (collectEvents)
        {
            _ = Task.Run(async () =>
            {
                await foreach (var e in harness.Gateway.ReadEventsAsync())
                {
                    harness.Events.Add(e);
                }
            });
        }

        return harness;
    }

    /// <summary>Starts and waits until the first session is ready on both sides.</summary>
    public static async Task<GatewayHarness> StartReadyAsync(
        FakeDiscordOptions? serverOptions = null, Func<DiscordClientOptions, DiscordClientOptions>? configure = null, Func<double>? jitter = null, TestClock? clock = null)
    {
        var harness = await StartAsync(serverOptions, configure, jitter, clock: clock);
        await harness.WaitForEventAsync<ReadyEvent>();
        return harness;
    }

    public async Task<T> WaitForEventAsync<T>(Func<T, bool>? predicate = null, TimeSpan? timeout = null)
        where T : GatewayEvent =>
        (T)await Events.WaitAsync(e => e is T typed && (predicate?.Invoke(typed) ?? true), timeout, typeof(T).Name);

    public IReadOnlyList<T> EventsOf<T>()
        where T : GatewayEvent => Events.Snapshot().OfType<T>().ToArray();

    /// <summary>
    /// On the test clock: waits until the client has scheduled its next heartbeat <paramref name="after"/> ahead, moves
    /// the clock there and returns the beat as the fake received it. Returns once the client has read the fake's ACK too
    /// (it answered a heartbeat request sent after the ACK), so that the next beat cannot find this one unacknowledged.
    /// </summary>
    public async Task<RecordedGatewayPayload> BeatAsync(TimeSpan after)
    {
        var clock = Clock ?? throw new InvalidOperationException("BeatAsync needs a harness started with a TestClock.");
        var received = FakeGateway.Received;
        var beatsBefore = received.Where(p => p.Op == 1).Count;
        await clock.AdvanceToNextTimerAsync(after);
        var beat = (await received.WaitForCountAsync(p => p.Op == 1, beatsBefore + 1, what: "heartbeat"))[beatsBefore];
        var beatsOnConnection = received.Where(p => p.Op == 1 && p.ConnectionId == beat.ConnectionId).Count;
        await FakeGateway.Sent.WaitForCountAsync(p => p.Op == 11 && p.ConnectionId == beat.ConnectionId, beatsOnConnection, what: "heartbeat ACK");
        await (await FakeGateway.WaitForConnectionNumberAsync(beat.ConnectionId)).RequestHeartbeatAsync();
        await received.WaitForCountAsync(p => p.Op == 1, beatsBefore + 2, what: "answer to the heartbeat request");
        return beat;
    }

    /// <summary>Cancels RunAsync and waits for it to return.</summary>
    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await Run.WaitAsync(TimeSpan.FromSeconds(10));
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await Run.WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (Exception ex) when (ex is not TimeoutException)
        {
            // A test that expects a fatal close asserts on Run itself.
        }

        Rest.Dispose();
        await Server.DisposeAsync();
        _stop.Dispose();
        Assert.DoesNotContain(Log.Lines, line => line.Contains(Options.Token));
    }
}
