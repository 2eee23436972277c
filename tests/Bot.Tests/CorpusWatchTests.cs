using System.Text;
using Bot.Tests.Infrastructure;

namespace Bot.Tests;

/// <summary>A transcript dropped into the corpus folder while the bot serves is answered from within seconds; a removed one no longer is.</summary>
public sealed class CorpusWatchTests
{
    private const string Transcript = """
        青苔灯塔守望者访谈

        主持人：青苔灯塔的守望者每天晚上要做什么？
        守望者：每晚十点，我会给青苔灯塔的琥珀色透镜涂一层薄荷油，防止海雾里的盐晶在透镜上结块。

        主持人：为什么偏偏用薄荷油？
        守望者：因为薄荷油在寒冷的海雾里不会凝固，而且盐晶碰到薄荷油就滑下去了。
        """;

    private const string Question = "青苔灯塔的守望者为什么给透镜涂薄荷油";

    [Fact]
    public async Task A_transcript_added_while_serving_is_answered_and_stops_being_answered_once_removed()
    {
        var channel = BotUnderTest.NewId();
        await using var bot = await BotUnderTest.StartAsync(new BotTestOptions { AnswerChannels = [channel] });
        var file = $"zz_live_{Guid.NewGuid():N}.txt";
        var path = Path.Combine(bot.CorpusPath, file);

        var before = await bot.AskAsync(BotUnderTest.UserMessage(channel, Question));
        Assert.DoesNotContain(file, before.Embed.Description);

        await File.WriteAllTextAsync(path, Transcript, new UTF8Encoding(false));
        Assert.True(await BotUnderTest.EventuallyAsync(() => bot.Index.Documents.Any(d => d.Source == file)), "the new transcript was not indexed within 15 s");

        var after = await bot.AskAsync(BotUnderTest.UserMessage(channel, Question));
        var sources = AnswerChecks.SourceLines(after.Embed.Description);
        Assert.NotEmpty(sources);
        Assert.Contains($"`{file}`", sources[0]);
        Assert.Contains("《青苔灯塔守望者访谈》", sources[0]);
        Assert.Contains("**薄荷油**", after.Embed.Description);

        File.Delete(path);
        Assert.True(await BotUnderTest.EventuallyAsync(() => bot.Index.Documents.All(d => d.Source != file)), "the removed transcript was still indexed after 15 s");

        var gone = await bot.AskAsync(BotUnderTest.UserMessage(channel, Question));
        Assert.DoesNotContain(file, gone.Embed.Description);
        Assert.DoesNotContain("薄荷油", gone.Embed.Description);
    }

    [Fact]
    public async Task A_corpus_folder_that_disappears_is_logged_once_and_the_bot_keeps_answering_from_the_last_index()
    {
        var channel = BotUnderTest.NewId();
        await using var bot = await BotUnderTest.StartAsync(new BotTestOptions { AnswerChannels = [channel] });
        var files = bot.Index.Documents.Count;

        Directory.Delete(bot.CorpusPath, recursive: true);
        await bot.Log.WaitForAsync(l => l.Message.Contains("has disappeared", StringComparison.Ordinal));
        // Another file event, and time for the failed-update retries the folder used to get every 2 s.
        var reply = await bot.AskAsync(BotUnderTest.UserMessage(channel, "Schulman 发明了哪些强化学习算法"));
        var second = await bot.AskAsync(BotUnderTest.UserMessage(channel, "什么是数据墙"));

        Assert.NotEmpty(AnswerChecks.SourceLines(reply.Embed.Description));
        Assert.NotEmpty(AnswerChecks.SourceLines(second.Embed.Description));
        Assert.Equal(files, bot.Index.Documents.Count);
        Assert.Single(bot.Log.Lines, l => l.Message.Contains("has disappeared", StringComparison.Ordinal));
        Assert.DoesNotContain(bot.Log.Lines, l => l.Message.Contains("Could not update the index", StringComparison.Ordinal));
    }
}
