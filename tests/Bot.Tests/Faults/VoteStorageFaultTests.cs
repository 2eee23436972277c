using System.Text.Json.Nodes;
using Bot.Storage;
using Bot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;
using static Bot.Tests.Faults.StorageFaults;
using static Bot.Tests.Infrastructure.VoteChecks;

namespace Bot.Tests.Faults;

/// <summary>
/// Members vote while the database file misbehaves: another process holds its write lock, or the disk is full. The member
/// is told privately to try again, the vote stays as it was (nothing half-written), and voting works again afterwards.
/// </summary>
public sealed class VoteStorageFaultTests(ITestOutputHelper output)
{
    private const ulong Guild = BotUnderTest.DefaultGuildId;
    private const string CouldNotRecord = "没能记录，请稍后再试。";

    private static JsonObject Member(string name) => BotUnderTest.User(BotUnderTest.NewId(), name);

    [Fact]
    public async Task A_vote_while_another_process_holds_the_write_lock_is_refused_and_the_vote_stays_as_it_was()
    {
        await using var bot = await BotUnderTest.StartAsync();
        var reply = await AskAndRecordAsync(bot, BotUnderTest.NewId());
        var answerId = AnswerId(reply.Body);
        var member = Member("member");
        await bot.VoteAsync(reply.MessageId, Up, member, Guild);

        using (WriteLock.Take(bot.IndexPath))
        {
            Assert.Equal(CouldNotRecord, await bot.VoteAsync(reply.MessageId, Down, member, Guild)); // a change
            Assert.Equal(CouldNotRecord, await bot.VoteAsync(reply.MessageId, Up, member, Guild)); // a withdrawal
            Assert.Equal(CouldNotRecord, await bot.VoteAsync(reply.MessageId, Down, Member("newcomer"), Guild));
        }

        Assert.Equal((0, 1), bot.VotesOn(answerId));
        Assert.Equal("已记录：没有帮助", await bot.VoteAsync(reply.MessageId, Down, member, Guild));
        Assert.Equal((1, 0), bot.VotesOn(answerId));
    }

    [Fact]
    public async Task On_a_full_disk_the_vote_that_needs_room_is_refused_with_nothing_half_written_and_voting_works_once_there_is_room()
    {
        await using var bot = await BotUnderTest.StartAsync();
        var reply = await AskAndRecordAsync(bot, BotUnderTest.NewId());
        var answerId = AnswerId(reply.Body);
        var database = bot.Services.GetRequiredService<BotDatabase>();
        database.MaxPageCount = PageCount(bot.IndexPath);

        // The file cannot grow: votes go into the room its pages have left, until one needs a new page.
        var recorded = 0;
        JsonObject member;
        string told;
        do
        {
            member = Member($"member-{recorded}");
            told = await bot.VoteAsync(reply.MessageId, Down, member, Guild);
            if (told == "已记录：没有帮助")
                recorded++;
        }
        while (told == "已记录：没有帮助" && recorded < 2000);
        output.WriteLine($"{recorded} votes fitted; the next was told: {told}");

        Assert.Equal(CouldNotRecord, told);
        Assert.Equal((recorded, 0), bot.VotesOn(answerId));
        Assert.Contains(bot.Log.Lines, l => l.Message.StartsWith($"Could not record a vote on answer {answerId}", StringComparison.Ordinal));

        database.MaxPageCount = null;
        Assert.Equal("已记录：没有帮助", await bot.VoteAsync(reply.MessageId, Down, member, Guild));
        Assert.Equal((recorded + 1, 0), bot.VotesOn(answerId));
    }
}
