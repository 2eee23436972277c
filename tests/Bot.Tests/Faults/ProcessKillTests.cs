using System.Diagnostics;
using System.Text;
using Bot.Search;
using Bot.Search.Index;
using Bot.Search.Ranking;
using Bot.Storage;
using Bot.Tests.Infrastructure;
using FakeDiscord;
using Xunit.Abstractions;

namespace Bot.Tests.Faults;

/// <summary>
/// The process killed (SIGKILL) in the middle of writing: during <c>index --rebuild</c>, and during a pin after Discord
/// pinned the message but before the bot stored it. A fresh process answers from a whole index, and every pin Discord
/// acknowledged is there after the restart.
/// </summary>
public sealed class ProcessKillTests(ITestOutputHelper output) : IDisposable
{
    private const string Question = "什么是超级对齐";

    /// <summary>Only bounds a hang: a child process starting and indexing beside other work (two CPU-burning processes took over a minute).</summary>
    private static readonly TimeSpan ChildPatience = TimeSpan.FromMinutes(3);

    private readonly string folder = Path.Combine(Path.GetTempPath(), "bot-tests", "kill-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open; the OS cleans temp folders.
        }
    }

    [Fact]
    public async Task Killed_in_the_middle_of_a_rebuild_a_fresh_process_answers_from_the_whole_previous_index()
    {
        var corpus = Path.Combine(folder, "corpus");
        var indexPath = Path.Combine(folder, "data", "bot.db");
        var indexFolder = PassageIndex.FolderFor(indexPath);
        var environment = new Dictionary<string, string> { ["Corpus__Path"] = corpus, ["Index__Path"] = indexPath };
        // A corpus big enough that the rebuild writes its new segment files for a good while before it commits: the
        // seeds, eight times over, each copy made distinct so that nothing is stored only once.
        WriteCopies(corpus, 1, 8);
        using (var first = BotProcess.Start(folder, ["index"], environment))
            Assert.True(await first.WaitForExitAsync(ChildPatience) == 0, first.Output);
        var (documents, passages) = Counts(corpus, indexPath);
        var commit = LuceneFolder.LastCommit(indexFolder);
        WriteCopies(corpus, 9, 14);

        using var rebuild = BotProcess.Start(folder, ["index", "--rebuild"], environment);
        var clock = Stopwatch.StartNew();
        long written;
        while ((written = UncommittedBytes(indexFolder)) < 1024 * 1024)
        {
            Assert.False(rebuild.HasExited, $"the rebuild finished before it could be killed:\n{rebuild.Output}");
            Assert.True(clock.Elapsed < ChildPatience, "the rebuild never started writing");
            await Task.Delay(10);
        }
        rebuild.Kill();
        await rebuild.WaitForExitAsync(TimeSpan.FromSeconds(10));
        output.WriteLine($"killed {clock.ElapsedMilliseconds} ms into the rebuild with {written / 1024} KB of new segments written");

        // A fresh process opens the index as the kill left it: the previous commit, whole.
        Assert.Equal(commit, LuceneFolder.LastCommit(indexFolder));
        Assert.True(LuceneFolder.IsWhole(indexFolder));
        Assert.Equal((documents, passages), Counts(corpus, indexPath));
        using (var index = SearchIndex.Open(new SearchIndexOptions { CorpusPath = corpus, IndexPath = indexPath }))
            Assert.NotEmpty(index.Search(Question).Hits);
        // And answers, once it has brought the index in line with the corpus again: the dead writer's lock is gone with
        // it, and so are its files.
        using var ask = BotProcess.Start(folder, ["ask", Question], environment);
        Assert.True(await ask.WaitForExitAsync(ChildPatience) == 0, ask.Output);
        Assert.Contains("—— 出处：", ask.Output);
        Assert.Equal(documents + 30, Counts(corpus, indexPath).Documents);
        Assert.Empty(LuceneFolder.Uncommitted(indexFolder));
    }

    [Fact]
    public async Task Killed_after_Discord_pinned_but_before_the_pin_was_stored_the_next_start_stores_it_and_keeps_the_earlier_pin()
    {
        await using var bot = await BotUnderTest.CreateAsync();
        var channel = BotUnderTest.NewId();
        var moderator = BotUnderTest.User(BotUnderTest.NewId(), "moderator");
        var environment = bot.ProcessEnvironment();
        environment["Discord__GuildId"] = BotUnderTest.DefaultGuildId.ToString();
        // A lost response is retried after 1–2 s: the window in which the process is killed.
        environment["Discord__Timings__ServerErrorBaseDelay"] = "00:00:02";
        using var child = BotProcess.Start(bot.Folder, ["serve"], environment);
        await child.WaitForLineAsync(l => l.Contains("Index updated", StringComparison.Ordinal), ChildPatience);
        await bot.Discord.Rest.WaitForRequestAsync($"PUT /applications/{bot.ApplicationId}/guilds/{BotUnderTest.DefaultGuildId}/commands", ChildPatience);

        // A pin the moderator saw acknowledged.
        var first = await bot.AskAsync(BotUnderTest.UserMessage(channel, $"?ask {Question}"));
        var done = await bot.ClickAsync(first.MessageId, "置顶", BotUnderTest.DefaultGuildId, moderator, FakePayloads.ModeratorPermissions);
        Assert.StartsWith("📌 已置顶", (await done.FinalMessageAsync())["content"].Text());

        // A pin Discord carries out but whose answer never reaches the bot, which dies before it could retry.
        var second = await bot.AskAsync(BotUnderTest.UserMessage(channel, "?ask Schulman 发明了哪些强化学习算法"));
        var pinRoute = $"/channels/{channel}/messages/pins/{second.MessageId}";
        bot.Discord.Rest.Enqueue($"PUT {pinRoute}", FakeResponse.LostResponse());
        await bot.ClickAsync(second.MessageId, "置顶", BotUnderTest.DefaultGuildId, moderator, FakePayloads.ModeratorPermissions);
        await bot.Discord.Rest.WaitForRequestAsync(r => r.Method == "PUT" && r.Path == pinRoute && r.StatusCode == 0, BotUnderTest.Timeout);
        child.Kill();
        await child.WaitForExitAsync(TimeSpan.FromSeconds(10));

        // What the kill left: pinned on Discord, only an intent in the database.
        Assert.Equal([first.MessageId, second.MessageId], bot.Discord.State.PinnedMessageIds(channel).Order());
        var store = new PinStore(new BotDatabase(bot.IndexPath), TimeProvider.System);
        Assert.NotNull(store.Find(first.MessageId));
        Assert.Null(store.Find(second.MessageId));
        Assert.Equal([second.MessageId], store.PendingIntents().Select(i => i.MessageId));
        Assert.DoesNotContain(bot.Token, child.Output);

        await bot.StartBotAsync();
        await bot.Log.WaitForAsync(l => l.Message.StartsWith($"Settled an interrupted pin of message {second.MessageId}: completed", StringComparison.Ordinal));

        Assert.NotNull(bot.Pins.Find(first.MessageId));
        Assert.NotNull(bot.Pins.Find(second.MessageId));
        Assert.Empty(bot.Pins.PendingIntents());
        var pins = await bot.InteractAsync(BotUnderTest.Slash("pins", BotUnderTest.NewId()));
        Assert.Equal("本服务器的置顶回答（2）", pins.Data.SingleEmbed().Title);
    }

    private static void WriteCopies(string corpus, int from, int to)
    {
        Directory.CreateDirectory(corpus);
        foreach (var seed in Directory.GetFiles(Repo.Seeds))
        {
            var text = File.ReadAllText(seed);
            for (var i = from; i <= to; i++)
                File.WriteAllText(Path.Combine(corpus, $"{Path.GetFileNameWithoutExtension(seed)}_{i:00}.txt"), text.Replace("。", $"（{i}）。"), new UTF8Encoding(false));
        }
    }

    /// <summary>What the index folder holds, read by a fresh opener without touching the corpus.</summary>
    private static (int Documents, int Passages) Counts(string corpus, string indexPath)
    {
        using var index = SearchIndex.Open(new SearchIndexOptions { CorpusPath = corpus, IndexPath = indexPath });
        return (index.Documents.Count, index.PassageCount);
    }

    private static long UncommittedBytes(string indexFolder) =>
        LuceneFolder.Uncommitted(indexFolder).Sum(f => new FileInfo(Path.Combine(indexFolder, f)) is { Exists: true } file ? file.Length : 0);
}
