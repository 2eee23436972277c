using Bot.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Bot.Tests.Faults;

/// <summary>
/// A transcript over the default 16 MB limit, under a raised Corpus:MaxFileMegabytes: indexed while the bot keeps
/// answering from the index it already has.
/// </summary>
public sealed class LargeTranscriptTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_17_MB_transcript_under_a_raised_limit_is_indexed_while_questions_keep_being_answered()
    {
        await IndexWhileAnsweringAsync(megabytes: 17, limit: 20);
    }

    /// <summary>About half a minute and 1 GB of memory.</summary>
    [LongFaultFact]
    public async Task A_50_MB_transcript_under_a_raised_limit_is_indexed_while_questions_keep_being_answered_when_BOT_FAULTS_LONG_is_set()
    {
        await IndexWhileAnsweringAsync(megabytes: 50, limit: 64);
    }

    private async Task IndexWhileAnsweringAsync(int megabytes, int limit)
    {
        await using var bot = await BotUnderTest.StartAsync(new BotTestOptions
        {
            Configuration = FaultChecks.ShortTimings.With(("Corpus:MaxFileMegabytes", limit.ToString())),
        });
        var name = $"zz_large_{megabytes}mb.txt";
        var asker = Asker.Start(bot, TimeSpan.FromMilliseconds(250));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await CorpusFaultTests.WriteLargeAsync(Path.Combine(bot.CorpusPath, name), megabytes);

        // Only bounds a hang: indexing takes as long as the machine's other work lets it (17 MB: about 90 s on a busy
        // 2-core machine, more than 4 minutes beside two CPU-burning processes).
        Assert.True(await BotUnderTest.EventuallyAsync(() => bot.Index.Documents.Any(d => d.Source == name), TimeSpan.FromSeconds(megabytes * 40)),
            $"the {megabytes} MB transcript was not indexed");
        var indexedAfter = clock.Elapsed;
        var asked = await asker.StopAsync();

        var document = bot.Index.Documents.Single(d => d.Source == name);
        var latencies = Asker.Latencies(bot, asked);
        output.WriteLine($"{megabytes} MB indexed in {indexedAfter.TotalSeconds:0.0} s ({document.Passages} passages); meanwhile {asked.Count} questions, "
            + $"reply latency max {latencies.Max().TotalMilliseconds:0} ms, median {StorageFaults.Median(latencies).TotalMilliseconds:0} ms");
        Assert.DoesNotContain(bot.Log.Lines, l => l.Message.StartsWith($"Skipped {name}", StringComparison.Ordinal));
        await bot.AssertEachAnsweredOnceAsync(asked, output, what: $"questions while a {megabytes} MB transcript was indexed");
        // Answers that waited for the indexing would take about as long as it did; a loaded machine only slows both.
        var bound = TimeSpan.FromTicks(Math.Max(TimeSpan.FromSeconds(3).Ticks, indexedAfter.Ticks / 2));
        Assert.True(latencies.Max() < bound, $"answers stopped while it was indexed: max {latencies.Max().TotalMilliseconds:0} ms of {indexedAfter.TotalSeconds:0.0} s indexing");
    }
}
