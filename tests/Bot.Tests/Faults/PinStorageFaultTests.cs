using System.Text.Json.Nodes;
using Bot.Storage;
using Bot.Tests.Infrastructure;
using FakeDiscord;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Bot.Tests.Faults;

using static Bot.Tests.Faults.StorageFaults;

/// <summary>
/// A moderator pins while the database file misbehaves: another process holds its write lock (briefly, longer than the
/// bot waits, or from the moment Discord pinned), or the disk is full. The pin is either done and stored, or refused and
/// nothing is half-stored: not pinned on Discord, no pin and no intent left in the database after the next start.
/// </summary>
public sealed class PinStorageFaultTests(ITestOutputHelper output)
{
    private const ulong Guild = BotUnderTest.DefaultGuildId;

    private static readonly JsonObject Moderator = BotUnderTest.User(BotUnderTest.NewId(), "moderator");

    [Fact]
    public async Task A_pin_while_another_process_briefly_holds_the_write_lock_completes_once_it_is_released()
    {
        await using var bot = await BotUnderTest.StartAsync();
        var channel = BotUnderTest.NewId();
        var reply = await AskAndRecordAsync(bot, channel);
        InteractionResult click;
        using (WriteLock.Take(bot.IndexPath))
        {
            click = await bot.ClickAsync(reply.MessageId, "置顶", Guild, Moderator, FakePayloads.ModeratorPermissions);
            Assert.Equal(5, click.CallbackType); // acknowledged in time, "thinking…" while it waits
            await Task.Delay(TimeSpan.FromSeconds(2));
            Assert.Empty(bot.Discord.State.PinnedMessageIds(channel)); // nothing is done on Discord before the intent is written
        }

        var final = await click.FinalMessageAsync();
        Assert.StartsWith("📌 已置顶", final["content"].Text());
        Assert.Equal([reply.MessageId], bot.Discord.State.PinnedMessageIds(channel));
        Assert.NotNull(bot.Pins.Find(reply.MessageId));
        Assert.Empty(bot.Pins.PendingIntents());
    }

    [Fact]
    public async Task A_pin_while_the_write_lock_is_held_longer_than_the_bot_waits_is_refused_with_nothing_half_stored()
    {
        await using var bot = await BotUnderTest.CreateAsync();
        await bot.StartBotAsync(Patience(bot, TimeSpan.FromSeconds(1)));
        var channel = BotUnderTest.NewId();
        var reply = await AskAndRecordAsync(bot, channel);
        using (WriteLock.Take(bot.IndexPath))
        {
            var click = await bot.ClickAsync(reply.MessageId, "置顶", Guild, Moderator, FakePayloads.ModeratorPermissions);
            var final = await click.FinalMessageAsync();
            output.WriteLine($"moderator was told: {final["content"].Text()}");
            Assert.StartsWith("置顶失败", final["content"].Text());
            Assert.Empty(bot.Discord.State.PinnedMessageIds(channel));
        }

        Assert.Null(bot.Pins.Find(reply.MessageId));
        Assert.Empty(bot.Pins.PendingIntents());
        // Once the database is free again, pinning works.
        var again = await bot.ClickAsync(reply.MessageId, "置顶", Guild, Moderator, FakePayloads.ModeratorPermissions);
        Assert.StartsWith("📌 已置顶", (await again.FinalMessageAsync())["content"].Text());
        Assert.NotNull(bot.Pins.Find(reply.MessageId));
    }

    [Fact]
    public async Task A_pin_whose_outcome_cannot_be_stored_after_Discord_pinned_is_undone_and_settled_at_the_next_start()
    {
        await using var bot = await BotUnderTest.CreateAsync();
        await bot.StartBotAsync(Patience(bot, TimeSpan.FromSeconds(1)));
        var channel = BotUnderTest.NewId();
        var reply = await AskAndRecordAsync(bot, channel);
        // Discord takes its time over the pin; meanwhile another process takes the write lock.
        bot.Discord.Rest.Enqueue($"PUT /channels/{channel}/messages/pins/{reply.MessageId}", FakeResponse.Delayed(TimeSpan.FromSeconds(1)));
        var click = await bot.ClickAsync(reply.MessageId, "置顶", Guild, Moderator, FakePayloads.ModeratorPermissions);
        Assert.True(await BotUnderTest.EventuallyAsync(() => bot.Pins.PendingIntents().Count == 1));
        using (WriteLock.Take(bot.IndexPath))
        {
            var final = await click.FinalMessageAsync();
            output.WriteLine($"moderator was told: {final["content"].Text()}");
            Assert.StartsWith("置顶失败", final["content"].Text());
            Assert.Empty(bot.Discord.State.PinnedMessageIds(channel)); // undone on Discord
            Assert.Null(bot.Pins.Find(reply.MessageId));
        }

        await bot.RestartBotAsync();
        await bot.Log.WaitForAsync(l => l.Message.StartsWith($"Settled an interrupted pin of message {reply.MessageId}: dropped", StringComparison.Ordinal));
        Assert.Null(bot.Pins.Find(reply.MessageId));
        Assert.Empty(bot.Pins.PendingIntents());
        Assert.Empty(bot.Discord.State.PinnedMessageIds(channel));
    }

    [Fact]
    public async Task The_disk_full_while_pinning_refuses_the_pin_with_nothing_half_stored_and_pinning_works_once_there_is_room()
    {
        await using var bot = await BotUnderTest.StartAsync();
        var channel = BotUnderTest.NewId();
        // An answer of long passages: its pin cannot fit in the room the file's pages have left.
        var reply = await AskAndRecordAsync(bot, channel, "有没有介于预训练和上下文学习之间的第三种学习方式");
        var database = bot.Services.GetRequiredService<BotDatabase>();
        database.MaxPageCount = PageCount(bot.IndexPath);

        var click = await bot.ClickAsync(reply.MessageId, "置顶", Guild, Moderator, FakePayloads.ModeratorPermissions);
        var final = await click.FinalMessageAsync();
        output.WriteLine($"moderator was told: {final["content"].Text()}");

        Assert.StartsWith("置顶失败", final["content"].Text());
        Assert.Empty(bot.Discord.State.PinnedMessageIds(channel));
        Assert.Null(bot.Pins.Find(reply.MessageId));
        Assert.Empty(bot.Pins.PendingIntents());

        database.MaxPageCount = null;
        var again = await bot.ClickAsync(reply.MessageId, "置顶", Guild, Moderator, FakePayloads.ModeratorPermissions);
        Assert.StartsWith("📌 已置顶", (await again.FinalMessageAsync())["content"].Text());
        Assert.Equal([reply.MessageId], bot.Discord.State.PinnedMessageIds(channel));
    }
}
