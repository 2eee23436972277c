using Bot.Search;
using Bot.Storage;
using Bot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace Bot.Tests.Faults;

using static Bot.Tests.Faults.StorageFaults;

/// <summary>
/// The index is updated while its folder misbehaves: another process holds Lucene's write lock on it, or the disk
/// fills up. Questions keep being answered from the last commit, and the update completes once it can, without anyone
/// touching the corpus again.
/// </summary>
public sealed class IndexStorageFaultTests(ITestOutputHelper output)
{
    /// <summary>How long a wait for the index may take here: the machine is shared, and retries back off.</summary>
    private static readonly TimeSpan IndexWait = TimeSpan.FromSeconds(60);

    private static bool IsSkippedForTheLock(LogLine line) => line.Message.StartsWith("Another process is updating the index", StringComparison.Ordinal);

    [Fact]
    public async Task The_index_locked_by_another_process_during_an_update_delays_the_update_not_the_answers()
    {
        await using var bot = await BotUnderTest.StartAsync(new BotTestOptions { Configuration = FaultChecks.ShortTimings });
        var documents = bot.Index.Documents.Count;
        var asker = Asker.Start(bot, TimeSpan.FromMilliseconds(250));
        using (IndexWriteLock.Take(bot.IndexFolder))
        {
            var skipped = bot.Log.Count(IsSkippedForTheLock);
            await Lighthouse.WriteAsync(bot.CorpusPath, "zz_locked.txt", "薄荷油");
            // The update the file event started, and the retry after it, both find the lock taken.
            await bot.Log.WaitForAsync(IsSkippedForTheLock, skipped + 2, IndexWait);
            var question = FaultChecks.Question(BotUnderTest.NewId());
            var during = await bot.AskAsync(question); // answered while the lock is still held
            AnswerChecks.AssertAnswer(bot, FaultChecks.Asked(question), during.Embed);
            Assert.Equal(documents, bot.Index.Documents.Count);
        }

        Assert.True(await BotUnderTest.EventuallyAsync(() => bot.Index.Documents.Any(d => d.Source == "zz_locked.txt"), IndexWait),
            "the update did not complete once the lock was released");
        var asked = await asker.StopAsync();
        await bot.AssertEachAnsweredOnceAsync(asked, output, what: "questions while another process held the index's write lock");
        var answer = await bot.AskAsync(FaultChecks.Question(asker.Channel, Lighthouse.Question));
        Assert.Contains("zz_locked.txt", answer.Embed.Description);
        Assert.DoesNotContain(bot.Log.Lines, l => l.Level >= LogLevel.Error);
    }

    [Fact]
    public async Task The_disk_full_while_indexing_keeps_the_old_index_answering_and_the_update_completes_once_there_is_room()
    {
        var disk = new FullDisk();
        await using var bot = await BotUnderTest.StartAsync(new BotTestOptions { Configuration = FaultChecks.ShortTimings, Customize = disk.Install });
        var documents = bot.Index.Documents.Count;
        var commit = LuceneFolder.LastCommit(bot.IndexFolder);
        var asker = Asker.Start(bot, TimeSpan.FromMilliseconds(300));
        var database = bot.Services.GetRequiredService<BotDatabase>();
        // The disk is full: a few kilobytes more for the index (its new segment is begun, never finished), not one more
        // page for the bot's own tables.
        disk.Fill(16 * 1024);
        database.MaxPageCount = PageCount(bot.IndexPath);
        var failures = bot.Log.Count(FullDisk.IsUpdateFailure);

        await Lighthouse.WriteAsync(bot.CorpusPath, "zz_full.txt", "松节油");
        await bot.Log.WaitForAsync(FullDisk.IsUpdateFailure, failures + 1, IndexWait);
        Assert.Equal(documents, bot.Index.Documents.Count);
        Assert.DoesNotContain(bot.Index.Documents, d => d.Source == "zz_full.txt");
        // Nothing half-written is visible to a process opening the folder now (another shard, a restart).
        Assert.Equal(commit, LuceneFolder.LastCommit(bot.IndexFolder));
        using (var fresh = SearchIndex.Open(new SearchIndexOptions { CorpusPath = bot.CorpusPath, IndexPath = bot.IndexPath }))
            Assert.Equal(documents, fresh.Documents.Count);
        var question = FaultChecks.Question(BotUnderTest.NewId(), "Schulman 发明了哪些强化学习算法");
        var during = await bot.AskAsync(question);
        AnswerChecks.AssertAnswer(bot, FaultChecks.Asked(question), during.Embed);

        // Room again a little later (the operator freed some space, once the file events are long handled): the update is
        // retried without anyone touching the corpus.
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        disk.Free();
        database.MaxPageCount = null;
        var retried = await BotUnderTest.EventuallyAsync(() => bot.Index.Documents.Any(d => d.Source == "zz_full.txt"), IndexWait);
        foreach (var line in bot.Log.Lines.Where(l => l.Category.EndsWith("LiveSearchIndex", StringComparison.Ordinal) || l.Level >= LogLevel.Error))
            output.WriteLine($"{line}{(line.Exception is null ? "" : "\n" + line.Exception)}");
        Assert.True(retried, "the update was not retried once there was room");
        var asked = await asker.StopAsync();
        Assert.Equal(documents + 1, bot.Index.Documents.Count);
        Assert.True(LuceneFolder.IsWhole(bot.IndexFolder));
        await bot.AssertEachAnsweredOnceAsync(asked, output, what: "questions while the disk was full");
        var answer = await bot.AskAsync(FaultChecks.Question(asker.Channel, Lighthouse.Question));
        Assert.Contains("zz_full.txt", answer.Embed.Description);
        Assert.DoesNotContain(bot.Log.Lines, l => l.Level >= LogLevel.Error);
    }
}
