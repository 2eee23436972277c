using Bot.Discord.Rest;
using FakeDiscord;

namespace Bot.Discord.Tests.Infrastructure;

/// <summary>A fake Discord and a REST client pointed at it. Disposing checks that the token never reached a log line.</summary>
public sealed class RestHarness : IAsyncDisposable
{
    private RestHarness(FakeDiscordServer server, DiscordClientOptions options, TestClock? clock)
    {
        Server = server;
        Options = options;
        Clock = clock;
        Rest = new RestClient(options, Log.For<RestClient>(), clock);
    }

    public FakeDiscordServer Server { get; }
    public DiscordClientOptions Options { get; }
    public TestLog Log { get; } = new();
    public RestClient Rest { get; }
    public FakeRest FakeRest => Server.Rest;

    /// <summary>The clock the fake and the client run on, when the test moves time itself; null for the real clock.</summary>
    public TestClock? Clock { get; }

    /// <param name="clock">Runs the fake and the client on this clock instead of the real one.</param>
    public static async Task<RestHarness> StartAsync(
        Func<DiscordClientOptions, DiscordClientOptions>? configure = null, FakeDiscordOptions? serverOptions = null, TestClock? clock = null)
    {
        serverOptions ??= new FakeDiscordOptions { Token = TestTimings.Token };
        var server = await FakeDiscordServer.StartAsync(clock is null ? serverOptions : serverOptions with { Time = clock });
        var options = new DiscordClientOptions { Token = TestTimings.Token, ApiBaseUrl = server.ApiBaseUrl, Timings = TestTimings.Fast };
        return new RestHarness(server, configure?.Invoke(options) ?? options, clock);
    }

    public IReadOnlyList<RecordedRequest> Requests(string routePattern) =>
        Server.Rest.Requests.Where(r => r.Matches(routePattern)).OrderBy(r => r.Index).ToArray();

    public async ValueTask DisposeAsync()
    {
        Rest.Dispose();
        await Server.DisposeAsync();
        Assert.DoesNotContain(Log.Lines, line => line.Contains(Options.Token));
    }
}
