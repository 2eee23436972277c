using Bot.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Bot.Tests.Load;

/// <summary>Load runs alone: on a shared two-core machine they would slow other tests past their deadlines, and be slowed by them.</summary>
[CollectionDefinition(nameof(LoadCollection), DisableParallelization = true)]
public sealed class LoadCollection;

/// <summary>
/// Many channels in many servers asking at once (issue 6), and the bot path benchmark (issue 5): every question gets
/// exactly one reply, none pings, and the reply comes quickly. By default the short form (5 s, 50 channels in 10 servers,
/// 100 questions/s); <c>BOT_LOAD_SECONDS</c>, <c>BOT_LOAD_RATE</c>, <c>BOT_LOAD_CHANNELS</c> and <c>BOT_LOAD_GUILDS</c>
/// give the full forms (README, 可靠性：负载). Run with <c>--logger "console;verbosity=detailed"</c> to see the figures.
/// </summary>
[Collection(nameof(LoadCollection))]
public sealed class LoadTests(ITestOutputHelper output)
{
    /// <summary>
    /// Generous on purpose: the machine is shared, and this bounds a stall (a reply held up for seconds), not speed; the
    /// latency figures themselves are printed and reported, not asserted.
    /// </summary>
    private static readonly TimeSpan LatencyBound = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Channels_in_many_servers_asking_at_once_get_every_reply_exactly_once()
    {
        var profile = LoadProfile.FromEnvironment();
        await using var bot = await BotUnderTest.StartAsync(LoadDriver.BotOptions(profile));

        using var scraping = new CancellationTokenSource();
        var scraper = ScrapeAsync(profile.MetricsPort, scraping.Token);
        var report = await LoadDriver.RunAsync(bot, profile, LoadDriver.Questions(), output.WriteLine);
        await scraping.CancelAsync();
        var scrapes = await scraper;
        if (profile.MetricsPort is not null)
            output.WriteLine($"  /metrics scraped {scrapes} times");

        output.WriteLine(report.ToString());
        Assert.True(report.Sent >= profile.QuestionsPerSecond * profile.Duration.TotalSeconds * 0.95, $"the driver sent only {report.Sent} questions");
        Assert.Equal(0, report.Lost);
        Assert.Equal(0, report.Duplicates);
        Assert.Equal(0, report.Failed);
        Assert.Equal(0, report.Pinging);
        Assert.Equal(0, report.Stray);
        Assert.Equal(0, report.WithoutButtons);
        Assert.True(report.P99Ms < LatencyBound.TotalMilliseconds, $"p99 {report.P99Ms:0} ms is over {LatencyBound.TotalSeconds} s");
    }

    /// <summary>What Prometheus would do while the bot works: read /metrics every second. The number of scrapes.</summary>
    private static async Task<int> ScrapeAsync(int? port, CancellationToken cancellationToken)
    {
        if (port is null)
            return 0;
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        var scrapes = 0;
        try
        {
            while (true)
            {
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
                await http.GetStringAsync("/metrics", cancellationToken);
                scrapes++;
            }
        }
        catch (OperationCanceledException)
        {
            return scrapes;
        }
    }
}
