using Bot.Answers;
using Bot.Tests.Infrastructure;
using FakeDiscord;

namespace Bot.Tests;

/// <summary>Moderators pinning answers; each test in its own server so that pins do not meet.</summary>
public sealed class PinTests(BotFixture fixture) : IClassFixture<BotFixture>
{
    public const string Question = "Schulman 发明了哪些强化学习算法";
    public const string SimilarQuestion = "Schulman 发明了什么强化学习算法？";

    private readonly ulong guild = BotUnderTest.NewId();
    private readonly ulong channel = BotUnderTest.NewId();
    private readonly System.Text.Json.Nodes.JsonObject moderator = BotUnderTest.User(BotUnderTest.NewId(), "moderator");

    private BotUnderTest Bot => fixture.Bot;

    [Fact]
    public async Task A_moderator_pins_an_answer_and_later_similar_questions_in_the_server_get_it_first()
    {
        var answer = await Bot.AskAsync(BotUnderTest.UserMessage(channel, $"?ask {Question}", guild));

        var click = await Bot.ClickAsync(answer.MessageId, "置顶", guild, moderator, FakePayloads.ModeratorPermissions);

        // Discord was asked to pin the message, and the moderator is told (only they see it).
        var put = await Bot.Discord.Rest.WaitForRequestAsync($"PUT /channels/{channel}/messages/pins/{answer.MessageId}");
        Assert.Equal(204, put.StatusCode);
        Assert.Contains(answer.MessageId, Bot.Discord.State.PinnedMessageIds(channel));
        Assert.True(click.IsEphemeral);
        Assert.Contains("已置顶", (await click.FinalMessageAsync())["content"].Text());

        // Stored with the question, the passages shown, who pinned and where.
        var pin = Bot.Pins.Find(answer.MessageId);
        Assert.NotNull(pin);
        Assert.Equal(Question, pin.Question);
        Assert.Equal((guild, channel), (pin.GuildId, pin.ChannelId));
        Assert.Equal(moderator["id"].Id(), pin.PinnedBy);
        Assert.Equal("moderator", pin.PinnedByName);
        Assert.NotEmpty(pin.Passages);
        Assert.Contains($"`{pin.Passages[0].Source}`", answer.Embed.Description);
        Assert.DoesNotContain(Bot.Pins.PendingIntents(), i => i.MessageId == answer.MessageId);

        var link = AnswerFormatter.MessageLink(guild, channel, answer.MessageId);
        var pins = await Bot.InteractAsync(BotUnderTest.Slash("pins", BotUnderTest.NewId(), guild));
        var listed = pins.Data.SingleEmbed();
        Assert.Equal("本服务器的置顶回答（1）", listed.Title);
        Assert.Contains(Question, listed.Description);
        Assert.Contains(link, listed.Description);

        // A later, similarly worded question in the same server: the pinned answer first, marked, with a link.
        var later = await Bot.AskAsync(BotUnderTest.UserMessage(BotUnderTest.NewId(), $"?ask {SimilarQuestion}", guild, BotUnderTest.User(BotUnderTest.NewId(), "later-asker")));
        Assert.StartsWith("📌 **版主置顶**", later.Embed.Description);
        Assert.Contains($"[查看置顶消息]({link})", later.Embed.Description);
        // Under the mark, the pinned answer's first passage, cited as in the pinned message.
        var pinnedLine = AnswerChecks.SourceLines(answer.Embed.Description)[0];
        var laterLines = AnswerChecks.SourceLines(later.Embed.Description);
        Assert.Equal(pinnedLine, laterLines[0]);
        // Then the search's own results, without repeating the pinned passage.
        Assert.True(laterLines.Count >= 2, $"no results under the pinned answer: {later.Embed.Description}");
        Assert.Single(laterLines, l => l == pinnedLine);
        AnswerChecks.AssertWithinLimits(later.Embed);

        // The same question in another server does not get this server's pin.
        var elsewhere = await Bot.AskAsync(BotUnderTest.UserMessage(BotUnderTest.NewId(), $"?ask {SimilarQuestion}", BotUnderTest.NewId()));
        Assert.DoesNotContain("版主置顶", elsewhere.Embed.Description);
        Assert.DoesNotContain(link, elsewhere.Embed.Description);
    }

    [Fact]
    public async Task Clicking_the_pin_button_again_unpins()
    {
        var answer = await Bot.AskAsync(BotUnderTest.UserMessage(channel, $"?ask {Question}", guild));
        await (await Bot.ClickAsync(answer.MessageId, "置顶", guild, moderator, FakePayloads.ModeratorPermissions)).FinalMessageAsync();
        Assert.NotNull(Bot.Pins.Find(answer.MessageId));

        var click = await Bot.ClickAsync(answer.MessageId, "置顶", guild, moderator, FakePayloads.ModeratorPermissions);

        Assert.Contains("已取消置顶", (await click.FinalMessageAsync())["content"].Text());
        var delete = await Bot.Discord.Rest.WaitForRequestAsync($"DELETE /channels/{channel}/messages/pins/{answer.MessageId}");
        Assert.Equal(204, delete.StatusCode);
        Assert.DoesNotContain(answer.MessageId, Bot.Discord.State.PinnedMessageIds(channel));
        Assert.Null(Bot.Pins.Find(answer.MessageId));
        Assert.Empty(Bot.Pins.ForGuild(guild));
        var later = await Bot.AskAsync(BotUnderTest.UserMessage(BotUnderTest.NewId(), $"?ask {SimilarQuestion}", guild));
        Assert.DoesNotContain("版主置顶", later.Embed.Description);
    }

    [Fact]
    public async Task A_member_without_pin_permissions_is_refused_and_nothing_changes()
    {
        var answer = await Bot.AskAsync(BotUnderTest.UserMessage(channel, $"?ask {Question}", guild));
        var member = BotUnderTest.User(BotUnderTest.NewId(), "member");

        var click = await Bot.ClickAsync(answer.MessageId, "置顶", guild, member, FakePayloads.DefaultMemberPermissions);

        Assert.Equal(4, click.CallbackType);
        Assert.True(click.IsEphemeral);
        Assert.Contains("置顶消息", click.Content);
        Assert.Contains("管理消息", click.Content);
        await Bot.AssertNothingPinnedAsync(channel, answer.MessageId, guild);
    }

    [Fact]
    public async Task When_Discord_says_the_bot_lacks_Pin_Messages_the_moderator_is_told_and_nothing_is_stored()
    {
        var answer = await Bot.AskAsync(BotUnderTest.UserMessage(channel, $"?ask {Question}", guild));
        Bot.Discord.Rest.Enqueue($"PUT /channels/{channel}/messages/pins/{answer.MessageId}", FakeResponse.Error(403, 50013, "Missing Permissions"));

        var click = await Bot.ClickAsync(answer.MessageId, "置顶", guild, moderator, FakePayloads.ModeratorPermissions);

        var told = (await click.FinalMessageAsync())["content"].Text()!;
        Assert.True(click.IsEphemeral);
        Assert.Contains("置顶失败", told);
        Assert.Contains("我没有「置顶消息」权限", told);
        Assert.Equal(403, (await Bot.Discord.Rest.WaitForRequestAsync($"PUT /channels/{channel}/messages/pins/{answer.MessageId}")).StatusCode);
        Assert.Null(Bot.Pins.Find(answer.MessageId));
        Assert.DoesNotContain(Bot.Pins.PendingIntents(), i => i.MessageId == answer.MessageId);
        Assert.Empty(Bot.Pins.ForGuild(guild));
    }

    [Fact]
    public async Task When_the_channel_already_holds_250_pins_the_moderator_is_told_and_nothing_is_stored()
    {
        var answer = await Bot.AskAsync(BotUnderTest.UserMessage(channel, $"?ask {Question}", guild));
        Bot.Discord.Rest.Enqueue($"PUT /channels/{channel}/messages/pins/{answer.MessageId}", FakeResponse.Error(400, 30003, "Maximum number of pins reached (250)"));

        var click = await Bot.ClickAsync(answer.MessageId, "置顶", guild, moderator, FakePayloads.ModeratorPermissions);

        var told = (await click.FinalMessageAsync())["content"].Text()!;
        Assert.Contains("置顶已经满了", told);
        Assert.Contains("250", told);
        Assert.Null(Bot.Pins.Find(answer.MessageId));
        Assert.Empty(Bot.Pins.ForGuild(guild));
    }

    [Fact]
    public async Task Pin_answer_menu_on_a_bot_answer_pins_it()
    {
        var answer = await Bot.AskAsync(BotUnderTest.UserMessage(channel, $"?ask {Question}", guild));
        var target = Bot.Discord.State.GetMessage(answer.MessageId)!;

        var menu = await Bot.InteractAsync(BotUnderTest.MessageMenu("置顶回答", target, guild, moderator, FakePayloads.ModeratorPermissions));

        Assert.Contains("已置顶", (await menu.FinalMessageAsync())["content"].Text());
        Assert.Equal(204, (await Bot.Discord.Rest.WaitForRequestAsync($"PUT /channels/{channel}/messages/pins/{answer.MessageId}")).StatusCode);
        Assert.Equal(Question, Bot.Pins.Find(answer.MessageId)?.Question);
    }

    [Fact]
    public async Task Pin_answer_menu_on_a_pinned_answer_unpins_it()
    {
        var answer = await Bot.AskAsync(BotUnderTest.UserMessage(channel, $"?ask {Question}", guild));
        await (await Bot.ClickAsync(answer.MessageId, "置顶", guild, moderator, FakePayloads.ModeratorPermissions)).FinalMessageAsync();
        var target = Bot.Discord.State.GetMessage(answer.MessageId)!;

        var menu = await Bot.InteractAsync(BotUnderTest.MessageMenu("置顶回答", target, guild, moderator, FakePayloads.ModeratorPermissions));

        Assert.Contains("已取消置顶", (await menu.FinalMessageAsync())["content"].Text());
        Assert.Equal(204, (await Bot.Discord.Rest.WaitForRequestAsync($"DELETE /channels/{channel}/messages/pins/{answer.MessageId}")).StatusCode);
        Assert.Null(Bot.Pins.Find(answer.MessageId));
        Assert.DoesNotContain(answer.MessageId, Bot.Discord.State.PinnedMessageIds(channel));
    }

    [Fact]
    public async Task Pin_answer_menu_by_a_member_without_permissions_is_refused()
    {
        var answer = await Bot.AskAsync(BotUnderTest.UserMessage(channel, $"?ask {Question}", guild));
        var target = Bot.Discord.State.GetMessage(answer.MessageId)!;

        var menu = await Bot.InteractAsync(BotUnderTest.MessageMenu("置顶回答", target, guild, BotUnderTest.User(BotUnderTest.NewId(), "member")));

        Assert.True(menu.IsEphemeral);
        Assert.Contains("置顶消息", menu.Content);
        await Bot.AssertNothingPinnedAsync(channel, answer.MessageId, guild);
    }
}
