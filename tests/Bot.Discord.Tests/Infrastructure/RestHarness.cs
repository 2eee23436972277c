using Bot.Discord.Rest;
using FakeDiscord;

namespace Bot.Discord.Tests.Infrastructure;

/// <summary>A fake Discord and a REST client pointed at it. Disposing checks that the token never reached a log line.</summary>
public sealed class RestHarness : IAsyncDisposable
{
    private RestHarness(FakeDiscordServer server, DiscordClientOptions options)
    {
        Server = server;
        Options = options;
        Rest = new RestClient(options, Log.For<RestClient>());
    }

    public FakeDiscordServer Server { get; }
    public DiscordClientOptions Options { get; }
    public TestLog Log { get; } = new();
    public RestClient Rest { get; }
    public FakeRest FakeRest => Server.Rest;

    public static async Task<RestHarness> StartAsync(Func<DiscordClientOptions, DiscordClientOptions>? configure = null, FakeDiscordOptions? serverOptions = null)
    {
        var server = await FakeDiscordServer.StartAsync(serverOptions ?? new FakeDiscordOptions { Token = TestTimings.Token });
        var options = new DiscordClientOptions { Token = TestTimings.Token, ApiBaseUrl = server.ApiBaseUrl, Timings = TestTimings.Fast };
        return new RestHarness(server, configure?.Invoke(options) ?? options);
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
