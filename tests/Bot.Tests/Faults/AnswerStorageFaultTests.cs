using Bot.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Bot.Tests.Faults;

using static Bot.Tests.Faults.StorageFaults;

/// <summary>
/// Questions while another process holds the database's write lock: the answers go out without waiting for it, without
/// the buttons that need the answer stored, and with them again once the database is free.
/// </summary>
public sealed class AnswerStorageFaultTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Answers_while_the_database_is_locked_by_another_process_go_out_without_buttons_and_with_them_once_it_is_free()
    {
        await using var bot = await BotUnderTest.StartAsync(new BotTestOptions { Configuration = FaultChecks.ShortTimings });
        var asker = Asker.Start(bot, TimeSpan.FromMilliseconds(250));
        using (WriteLock.Take(bot.IndexPath))
        {
            var question = FaultChecks.Question(BotUnderTest.NewId());
            var during = await bot.AskAsync(question); // answered while the lock is still held
            AnswerChecks.AssertAnswer(bot, FaultChecks.Asked(question), during.Embed);
            Assert.Empty(during.Body.Buttons());
            await Task.Delay(TimeSpan.FromSeconds(3)); // a backup, say; the asker goes on meanwhile
        }
        var asked = await asker.StopAsync();

        await bot.AssertEachAnsweredOnceAsync(asked, output, what: "questions while another process held the write lock");
        var latencies = Asker.Latencies(bot, asked);
        var withoutButtons = asked.Count(q => bot.RepliesTo(q.MessageId()).Any(r => r.StatusCode == 200 && r.BodyObject().Buttons().Count == 0));
        output.WriteLine($"reply latency: max {latencies.Max().TotalMilliseconds:0} ms, median {Median(latencies).TotalMilliseconds:0} ms; "
            + $"{withoutButtons} of {asked.Count} answers shown without buttons (they could not be stored)");
        // For a second after the database last turned an answer away, answers skip it; after that they are stored again.
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        var answer = await bot.AskAsync(FaultChecks.Question(asker.Channel));
        Assert.Equal(["更多结果", "全文", "置顶", "有帮助", "没有帮助"], answer.Body.Buttons().Select(b => b.Label));
    }
}
