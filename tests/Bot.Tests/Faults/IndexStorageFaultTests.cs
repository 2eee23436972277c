using System.Text;
using Bot.Storage;
using Bot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace Bot.Tests.Faults;

using static Bot.Tests.Faults.StorageFaults;

/// <summary>
/// The index is updated while the database file misbehaves: another process holds its write lock, or the disk is full.
/// Questions keep being answered from the index in memory, and the update completes once it can, without anyone
/// touching the corpus again.
/// </summary>
public sealed class IndexStorageFaultTests(ITestOutputHelper output)
{
    /// <summary>A made-up transcript, long enough to need new pages in the database file.</summary>
    private static string Lighthouse(string word) => "青苔灯塔守望者访谈\n\n" + string.Join("\n\n", Enumerable.Range(1, 60).Select(i =>
        $"主持人：第{i}个晚上，守望者做了什么？\n守望者：第{i}个晚上，我给青苔灯塔的琥珀色透镜涂了一层{word}，防止海雾里的盐晶在透镜上结块。"));

    [Fact]
    public async Task The_database_locked_by_another_process_during_an_index_update_delays_the_update_not_the_answers()
    {
        await using var bot = await BotUnderTest.StartAsync(new BotTestOptions { Configuration = FaultChecks.ShortTimings });
        var asker = Asker.Start(bot, TimeSpan.FromMilliseconds(250));
        using (WriteLock.Take(bot.IndexPath))
        {
            await File.WriteAllTextAsync(Path.Combine(bot.CorpusPath, "zz_locked.txt"), Lighthouse("薄荷油"), new UTF8Encoding(false));
            await Task.Delay(TimeSpan.FromSeconds(4)); // an `index --rebuild` in another process, say; the watcher tries meanwhile
            Assert.DoesNotContain(bot.Index.Documents, d => d.Source == "zz_locked.txt");
        }
        Assert.True(await BotUnderTest.EventuallyAsync(() => bot.Index.Documents.Any(d => d.Source == "zz_locked.txt")), "the update did not complete once the lock was released");
        var asked = await asker.StopAsync();

        await bot.AssertEachAnsweredOnceAsync(asked, output, what: "questions while another process held the write lock for 4 s");
        var latencies = Asker.Latencies(bot, asked);
        var withoutButtons = asked.Count(q => bot.RepliesTo(q.MessageId()).Any(r => r.StatusCode == 200 && r.BodyObject().Buttons().Count == 0));
        output.WriteLine($"reply latency: max {latencies.Max().TotalMilliseconds:0} ms, median {Median(latencies).TotalMilliseconds:0} ms; "
            + $"{withoutButtons} of {asked.Count} answers shown without buttons (they could not be stored)");
        // About a second's wait for the database, on a machine shared with other tests; the lock itself lasted 4 s.
        Assert.True(latencies.Max() < TimeSpan.FromSeconds(3), $"answers waited for the lock: max {latencies.Max().TotalMilliseconds:0} ms");
        // For a second after the database last turned an answer away, answers skip it; after that they are stored again.
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        var answer = await bot.AskAsync(FaultChecks.Question(asker.Channel, "青苔灯塔的守望者给透镜涂什么"));
        Assert.Contains("zz_locked.txt", answer.Embed.Description);
        Assert.Equal(["更多结果", "置顶", "有帮助", "没有帮助"], answer.Body.Buttons().Select(b => b.Label)); // stored again once the lock is gone
    }

    [Fact]
    public async Task The_disk_full_while_indexing_keeps_the_old_index_answering_and_the_update_completes_once_there_is_room()
    {
        await using var bot = await BotUnderTest.StartAsync(new BotTestOptions { Configuration = FaultChecks.ShortTimings });
        var documents = bot.Index.Documents.Count;
        var asker = Asker.Start(bot, TimeSpan.FromMilliseconds(300));
        var database = bot.Services.GetRequiredService<BotDatabase>();
        // The disk is full: not one more page for the index or for the bot's own tables.
        bot.Index.Inner.LimitPages(0);
        database.MaxPageCount = PageCount(bot.IndexPath);
        var failures = bot.Log.Count(IsFullDisk);

        await File.WriteAllTextAsync(Path.Combine(bot.CorpusPath, "zz_full.txt"), Lighthouse("松节油"), new UTF8Encoding(false));
        await bot.Log.WaitForAsync(IsFullDisk, failures + 1);
        Assert.Equal(documents, bot.Index.Documents.Count);
        Assert.DoesNotContain(bot.Index.Documents, d => d.Source == "zz_full.txt");
        var question = FaultChecks.Question(BotUnderTest.NewId(), "Schulman 发明了哪些强化学习算法");
        var during = await bot.AskAsync(question);
        AnswerChecks.AssertAnswer(bot, FaultChecks.Asked(question), during.Embed);

        // Room again a little later (the operator freed some space, once the file events are long handled): the update is
        // retried without anyone touching the corpus.
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        bot.Index.Inner.LimitPages(null);
        database.MaxPageCount = null;
        Assert.True(await BotUnderTest.EventuallyAsync(() => bot.Index.Documents.Any(d => d.Source == "zz_full.txt")), "the update was not retried once there was room");
        var asked = await asker.StopAsync();

        foreach (var line in bot.Log.Lines.Where(l => l.Category.EndsWith("LiveSearchIndex", StringComparison.Ordinal)))
            output.WriteLine(line.ToString());
        Assert.Equal(documents + 1, bot.Index.Documents.Count);
        await bot.AssertEachAnsweredOnceAsync(asked, output, what: "questions while the disk was full");
        Assert.DoesNotContain(bot.Log.Lines, l => l.Level >= LogLevel.Critical);
    }
}
