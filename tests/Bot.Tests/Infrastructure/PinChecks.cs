namespace Bot.Tests.Infrastructure;

/// <summary>What a refused or forged pin must leave behind: nothing, on Discord or in the database.</summary>
internal static class PinChecks
{
    /// <summary>
    /// No pin call reached Discord for the message, nothing is pinned in its channel, and nothing is stored for it or its
    /// server, checked after the bot has answered something else in the channel (by then a late pin would have shown).
    /// </summary>
    public static async Task AssertNothingPinnedAsync(this BotUnderTest bot, ulong channel, ulong messageId, ulong guild)
    {
        await bot.AskAsync(BotUnderTest.UserMessage(channel, "?ask 什么是超级对齐", guild));
        Assert.Empty(bot.Discord.Rest.Requests.Where(r => r.Path.EndsWith($"/pins/{messageId}", StringComparison.Ordinal)));
        Assert.Empty(bot.Discord.State.PinnedMessageIds(channel));
        Assert.Null(bot.Pins.Find(messageId));
        Assert.DoesNotContain(bot.Pins.PendingIntents(), i => i.MessageId == messageId);
        Assert.Empty(bot.Pins.ForGuild(guild));
    }
}
