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

    private GatewayHarness(FakeDiscordServer server, DiscordClientOptions options, TestLog log, Func<double>? jitter)
    {
        Server = server;
        Options = options;
        Log = log;
        Rest = new RestClient(options, log.For<RestClient>());
        Gateway = jitter is null
            ? new GatewayClient(options, Rest, log.For<GatewayClient>())
            : new GatewayClient(options, Rest, log.For<GatewayClient>()) { HeartbeatJitter = jitter };
    }

    public FakeDiscordServer Server { get; }
    public DiscordClientOptions Options { get; }
    public TestLog Log { get; }
    public RestClient Rest { get; }
    public GatewayClient Gateway { get; }
    public RecordLog<GatewayEvent> Events { get; } = new();

    /// <summary>RunAsync's task: completes on shutdown, faults on a fatal close.</summary>
    public Task Run { get; private set; } = Task.CompletedTask;

    public FakeGateway FakeGateway => Server.Gateway;

    /// <param name="collectEvents">False when the test consumes <see cref="GatewayClient.ReadEventsAsync"/> itself.</param>
    /// <param name="beforeStart">Scripts the fake before the client first connects.</param>
    public static async Task<GatewayHarness> StartAsync(
        FakeDiscordOptions? serverOptions = null,
        Func<DiscordClientOptions, DiscordClientOptions>? configure = null,
        Func<double>? jitter = null,
        bool collectEvents = true,
        Action<FakeDiscordServer>? beforeStart = null)
    {
        var server = await FakeDiscordServer.StartAsync(serverOptions ?? new FakeDiscordOptions { Token = TestTimings.Token });
        beforeStart?.Invoke(server);
        var options = new DiscordClientOptions { Token = TestTimings.Token, ApiBaseUrl = server.ApiBaseUrl, Timings = TestTimings.Fast };
        var harness = new GatewayHarness(server, configure?.Invoke(options) ?? options, new TestLog(), jitter);
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
        FakeDiscordOptions? serverOptions = null, Func<DiscordClientOptions, DiscordClientOptions>? configure = null, Func<double>? jitter = null)
    {
        var harness = await StartAsync(serverOptions, configure, jitter);
        await harness.WaitForEventAsync<ReadyEvent>();
        return harness;
    }

    public async Task<T> WaitForEventAsync<T>(Func<T, bool>? predicate = null, TimeSpan? timeout = null)
        where T : GatewayEvent =>
        (T)await Events.WaitAsync(e => e is T typed && (predicate?.Invoke(typed) ?? true), timeout, typeof(T).Name);

    public IReadOnlyList<T> EventsOf<T>()
        where T : GatewayEvent => Events.Snapshot().OfType<T>().ToArray();

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
