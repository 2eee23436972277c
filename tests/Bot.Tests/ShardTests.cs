using Bot.Tests.Infrastructure;
using FakeDiscord;
using Xunit.Abstractions;

namespace Bot.Tests;

/// <summary>Two bot processes indexing at once: alone, so that they slow no other test past its deadlines.</summary>
[CollectionDefinition(nameof(ShardCollection), DisableParallelization = true)]
public sealed class ShardCollection;

/// <summary>
/// Two <c>serve</c> processes, shards 0 and 1 of 2 against one fake Discord, on one corpus folder, one database and one
/// index folder: each answers the questions of its own servers; a new transcript is written by one of them (the other
/// finds Lucene's write lock taken, or the work already done) and both answer from it; neither crashes or logs an error
/// over it. A restarted shard opens the shared index as it is.
/// </summary>
[Collection(nameof(ShardCollection))]
public sealed class ShardTests(ITestOutputHelper output)
{
    private const int Shards = 2;

    /// <summary>Two processes starting and indexing on a shared machine: generous.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Two_shards_on_one_index_folder_both_answer_and_both_pick_up_a_new_transcript()
    {
        ulong[] guilds = [GuildOn(0), GuildOn(1)];
        await using var bot = await BotUnderTest.CreateAsync(new BotTestOptions { Guilds = [new FakeGuild(guilds[0], "shard 0"), new FakeGuild(guilds[1], "shard 1")] });
        var shards = new BotProcess[Shards];
        var outputs = new List<string>();
        try
        {
            for (var id = 0; id < Shards; id++)
                shards[id] = StartShard(bot, id);
            for (var id = 0; id < Shards; id++)
                await bot.Discord.Gateway.Sessions.WaitAsync(s => s.ShardId == id && s.ShardCount == Shards, Patience, $"READY of shard {id}");

            // Each answers its own servers, from the index one of them built and the other opened.
            for (var id = 0; id < Shards; id++)
                await AskUntilAsync(bot, shards, id, guilds[id], "什么是超级对齐", text => text.Contains(AnswerChecks.SourceMark, StringComparison.Ordinal));

            await Lighthouse.WriteAsync(bot.CorpusPath, "zz_shared.txt", "薄荷油");
            for (var id = 0; id < Shards; id++)
                await AskUntilAsync(bot, shards, id, guilds[id], Lighthouse.Question, text => text.Contains("zz_shared.txt", StringComparison.Ordinal));

            Assert.All(shards, s => Assert.False(s.HasExited, s.Output));
            // One of them wrote it: the other found the write lock taken, or the transcript already in the index.
            Assert.Equal(1, shards.Sum(s => s.Output.Split('\n').Count(l => l.Contains("Index updated: 1 added", StringComparison.Ordinal))));
            for (var id = 0; id < Shards; id++)
                output.WriteLine($"shard {id} skipped {Count(shards[id].Output, "Another process is updating the index")} updates while the other held the write lock");

            // A restarted shard opens the shared index as it is: no commit, and the new transcript answered at once.
            var commit = LuceneFolder.LastCommit(bot.IndexFolder);
            Assert.True(shards[1].Terminate());
            Assert.Equal(0, await shards[1].WaitForExitAsync(Patience));
            outputs.Add(shards[1].Output);
            shards[1].Dispose();
            shards[1] = StartShard(bot, 1);
            await bot.Discord.Gateway.Sessions.WaitForCountAsync(s => s.ShardId == 1, 2, Patience, "READY of the restarted shard 1");
            var again = await AskAsync(bot, shards, 1, guilds[1], Lighthouse.Question);
            Assert.Contains("zz_shared.txt", again);
            Assert.Equal(commit, LuceneFolder.LastCommit(bot.IndexFolder));
            Assert.DoesNotContain("Index updated", shards[1].Output);
        }
        finally
        {
            foreach (var shard in shards.OfType<BotProcess>())
            {
                outputs.Add(shard.Output);
                shard.Dispose();
            }
            output.WriteLine(string.Join("\n", outputs.Select(o => string.Join("\n", o.Split('\n').Where(l => !l.Contains("MessageHandler", StringComparison.Ordinal))))));
        }

        var all = string.Join("\n", outputs);
        Assert.DoesNotContain(" fail: ", all);
        Assert.DoesNotContain(" crit: ", all);
        Assert.DoesNotContain("Unhandled exception", all);
        Assert.DoesNotContain(bot.Token, all);
    }

    /// <summary>A server id that Discord routes to <paramref name="shard"/>: (id >> 22) % shard count.</summary>
    private static ulong GuildOn(int shard)
    {
        var id = BotUnderTest.NewId();
        var off = (shard - (int)((id >> 22) % Shards) + Shards) % Shards;
        return id + ((ulong)off << 22);
    }

    private static BotProcess StartShard(BotUnderTest bot, int id)
    {
        var environment = bot.ProcessEnvironment();
        environment["Discord__ShardId"] = id.ToString();
        environment["Discord__ShardCount"] = Shards.ToString();
        environment["Bot__CooldownQuestions"] = "10000";
        return BotProcess.Start(bot.Folder, ["serve"], environment);
    }

    /// <summary>Asks again, a second apart, until the answer (its text) says what <paramref name="answered"/> wants.</summary>
    private static async Task AskUntilAsync(BotUnderTest bot, BotProcess[] shards, int shard, ulong guild, string question, Func<string, bool> answered)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var text = await AskAsync(bot, shards, shard, guild, question);
            if (answered(text))
                return;
            Assert.True(DateTime.UtcNow < deadline, $"shard {shard} never answered \"{question}\" as expected; last: {text}");
            await Task.Delay(TimeSpan.FromSeconds(1));
        }
    }

    /// <summary>Asks in a server of <paramref name="shard"/>; the answer's text, once that shard's process (and not another) has said it answered.</summary>
    private static async Task<string> AskAsync(BotUnderTest bot, BotProcess[] shards, int shard, ulong guild, string question)
    {
        var channel = BotUnderTest.NewId();
        var reply = await bot.AskAsync(BotUnderTest.UserMessage(channel, $"?ask {question}", guild), Patience);
        var answered = $"Answered a question in channel {channel} ";
        await shards[shard].WaitForLineAsync(l => l.Contains(answered, StringComparison.Ordinal), BotUnderTest.Timeout);
        Assert.All(shards.Where((_, id) => id != shard), other => Assert.DoesNotContain(answered, other.Output));
        return string.Join("\n", reply.Body.Embeds().Select(e => e.Description).Prepend(reply.Content));
    }

    private static int Count(string text, string what) => text.Split('\n').Count(l => l.Contains(what, StringComparison.Ordinal));
}
