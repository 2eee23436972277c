using System.Text.Json.Nodes;
using Bot.Answers;
using Bot.Tests.Infrastructure;
using FakeDiscord;
using Xunit.Abstractions;
using static Bot.Tests.Hostile.HostileChecks;
using static Bot.Tests.Infrastructure.VoteChecks;

namespace Bot.Tests.Hostile;

/// <summary>
/// Interactions no Discord client would send as they are: buttons carrying another server's or another message's answer,
/// pins by members who may not pin, custom ids the bot never made, fields missing. Each gets a clear private message or
/// silence; nothing is pinned by the wrong person, no vote is counted for the wrong answer, no server sees another's pins,
/// and the bot keeps answering.
/// </summary>
public sealed class ForgedInteractionTests(BotFixture fixture, ITestOutputHelper output) : IClassFixture<BotFixture>
{
    private const string Question = "Schulman 发明了哪些强化学习算法";

    private readonly ulong guildA = BotUnderTest.NewId();
    private readonly ulong guildB = BotUnderTest.NewId();
    private readonly ulong channelA = BotUnderTest.NewId();
    private readonly ulong channelB = BotUnderTest.NewId();
    private readonly ulong moderatorId = BotUnderTest.NewId();

    private BotUnderTest Bot => fixture.Bot;

    /// <summary>A fresh node each time: a JSON node can sit in one payload only.</summary>
    private JsonObject moderator => BotUnderTest.User(moderatorId, "moderator");

    [Fact]
    public async Task A_button_carrying_another_servers_answer_changes_nothing()
    {
        var inA = await Bot.AskAsync(BotUnderTest.UserMessage(channelA, $"?ask {Question}", guildA));
        var inB = await Bot.AskAsync(BotUnderTest.UserMessage(channelB, "?ask 什么是超级对齐", guildB));
        var messageB = Bot.Discord.State.GetMessage(inB.MessageId)!;
        var messageA = Bot.Discord.State.GetMessage(inA.MessageId)!;

        // A's buttons on B's message, clicked in B; and A's own message with the click claiming to come from B.
        var more = await Bot.InteractAsync(FakePayloads.ButtonClick(inA.Body.Button("更多结果").CustomId, messageB, guildB));
        var pin = await Bot.InteractAsync(FakePayloads.ButtonClick(inA.Body.Button("置顶").CustomId, messageB, guildB, moderator, FakePayloads.ModeratorPermissions));
        var pinFromB = await Bot.InteractAsync(FakePayloads.ButtonClick(inA.Body.Button("置顶").CustomId, messageA, guildB, moderator, FakePayloads.ModeratorPermissions));

        foreach (var refused in new[] { more, pin, pinFromB })
            Assert.Contains("不属于这条回答", AssertEphemeralText(refused));
        AssertUnchanged(messageA);
        AssertUnchanged(messageB);
        await Bot.AssertNothingPinnedAsync(channelA, inA.MessageId, guildA);
        await Bot.AssertNothingPinnedAsync(channelB, inB.MessageId, guildB);
    }

    [Fact]
    public async Task A_button_carrying_another_messages_answer_changes_nothing()
    {
        var first = await Bot.AskAsync(BotUnderTest.UserMessage(channelA, $"?ask {Question}", guildA));
        var second = await Bot.AskAsync(BotUnderTest.UserMessage(channelA, "?ask 什么是超级对齐", guildA));
        var secondMessage = Bot.Discord.State.GetMessage(second.MessageId)!;

        var more = await Bot.InteractAsync(FakePayloads.ButtonClick(first.Body.Button("更多结果").CustomId, secondMessage, guildA));
        var pin = await Bot.InteractAsync(FakePayloads.ButtonClick(first.Body.Button("置顶").CustomId, secondMessage, guildA, moderator, FakePayloads.ModeratorPermissions));

        Assert.Contains("不属于这条回答", AssertEphemeralText(more));
        Assert.Contains("不属于这条回答", AssertEphemeralText(pin));
        AssertUnchanged(secondMessage);
        await Bot.AssertNothingPinnedAsync(channelA, first.MessageId, guildA);
        await Bot.AssertNothingPinnedAsync(channelA, second.MessageId, guildA);

        // The genuine button still works.
        var genuine = await Bot.ClickAsync(first.MessageId, "更多结果", guildA);
        Assert.Equal(7, genuine.CallbackType);
    }

    [Fact]
    public async Task A_button_of_an_ask_answer_clicked_on_another_answer_changes_nothing()
    {
        // /ask answers are interaction responses: the bot does not learn their message id until a button is clicked.
        var first = await Bot.InteractAsync(BotUnderTest.Slash("ask", channelA, guildA, options: ("question", 3, Question)));
        var second = await Bot.InteractAsync(BotUnderTest.Slash("ask", channelA, guildA, options: ("question", 3, "什么是超级对齐")));
        var firstMessage = first.Original!;
        var secondMessage = second.Original!;

        var more = await Bot.InteractAsync(FakePayloads.ButtonClick(firstMessage.Button("更多结果").CustomId, secondMessage, guildA));
        var pin = await Bot.InteractAsync(FakePayloads.ButtonClick(firstMessage.Button("置顶").CustomId, secondMessage, guildA, moderator, FakePayloads.ModeratorPermissions));

        Assert.Contains("不属于这条回答", AssertEphemeralText(more));
        Assert.Contains("不属于这条回答", AssertEphemeralText(pin));
        AssertUnchanged(secondMessage);
        await Bot.AssertNothingPinnedAsync(channelA, secondMessage.MessageId(), guildA);

        // Each answer's own buttons still work on its own message.
        var genuine = await Bot.InteractAsync(FakePayloads.ButtonClick(firstMessage.Button("更多结果").CustomId, firstMessage, guildA));
        Assert.Equal(7, genuine.CallbackType);
        Assert.Equal(firstMessage.SingleEmbed().Title, genuine.Data.SingleEmbed().Title);
        var own = await Bot.InteractAsync(FakePayloads.ButtonClick(secondMessage.Button("更多结果").CustomId, secondMessage, guildA));
        Assert.Equal(7, own.CallbackType);
        Assert.Equal(secondMessage.SingleEmbed().Title, own.Data.SingleEmbed().Title);
    }

    [Fact]
    public async Task A_vote_button_carrying_another_servers_or_messages_answer_changes_nothing()
    {
        var inA = await Bot.AskAsync(BotUnderTest.UserMessage(channelA, $"?ask {Question}", guildA));
        var secondInA = await Bot.AskAsync(BotUnderTest.UserMessage(channelA, "?ask 什么是超级对齐", guildA));
        var inB = await Bot.AskAsync(BotUnderTest.UserMessage(channelB, "?ask 什么是超级对齐", guildB));
        var messageA = Bot.Discord.State.GetMessage(inA.MessageId)!;
        var secondMessage = Bot.Discord.State.GetMessage(secondInA.MessageId)!;
        var messageB = Bot.Discord.State.GetMessage(inB.MessageId)!;
        var member = BotUnderTest.User(BotUnderTest.NewId(), "member");

        // A's 👎 on B's message clicked in B, on A's message with the click claiming to come from B, and on another answer in A.
        var down = inA.Body.Button(Down).CustomId;
        var up = inA.Body.Button(Up).CustomId;
        var refused = new[]
        {
            await Bot.InteractAsync(FakePayloads.ButtonClick(down, messageB, guildB, (JsonObject)member.DeepClone())),
            await Bot.InteractAsync(FakePayloads.ButtonClick(down, messageA, guildB, (JsonObject)member.DeepClone())),
            await Bot.InteractAsync(FakePayloads.ButtonClick(up, secondMessage, guildA, (JsonObject)member.DeepClone())),
            await Bot.InteractAsync(FakePayloads.ButtonClick(down, messageA, guildId: null, (JsonObject)member.DeepClone())),
        };

        foreach (var result in refused)
            Assert.Contains("不属于这条回答", AssertEphemeralText(result));
        AssertUnchanged(messageA);
        AssertUnchanged(secondMessage);
        AssertUnchanged(messageB);
        await Bot.AssertNoVotesAsync(channelA, guildA, AnswerId(inA.Body), AnswerId(secondInA.Body), AnswerId(inB.Body));
        // The genuine button still counts.
        Assert.Equal("已记录：没有帮助", await Bot.VoteAsync(inA.MessageId, Down, member, guildA));
    }

    [Fact]
    public async Task A_vote_button_of_an_ask_answer_clicked_on_another_answer_changes_nothing()
    {
        var first = await Bot.InteractAsync(BotUnderTest.Slash("ask", channelA, guildA, options: ("question", 3, Question)));
        var second = await Bot.InteractAsync(BotUnderTest.Slash("ask", channelA, guildA, options: ("question", 3, "什么是超级对齐")));

        var vote = await Bot.InteractAsync(FakePayloads.ButtonClick(first.Original!.Button(Down).CustomId, second.Original!, guildA));

        Assert.Contains("不属于这条回答", AssertEphemeralText(vote));
        AssertUnchanged(second.Original!);
        await Bot.AssertNoVotesAsync(channelA, guildA, AnswerId(first.Original), AnswerId(second.Original));
    }

    [Fact]
    public async Task A_vote_on_an_answer_that_has_expired_gets_a_clear_private_message()
    {
        var answer = await Bot.AskAsync(BotUnderTest.UserMessage(channelA, $"?ask {Question}", guildA));
        var answerId = AnswerId(answer.Body);
        Bot.Answers.Remove(answerId); // as when an answer is forgotten

        var click = await Bot.ClickAsync(answer.MessageId, Down, guildA);

        Assert.Contains("这个回答已经过期了", AssertEphemeralText(click));
        await Bot.AssertNoVotesAsync(channelA, guildA, answerId);
    }

    [Fact]
    public async Task A_vote_that_says_nobody_clicked_changes_nothing()
    {
        var answer = await Bot.AskAsync(BotUnderTest.UserMessage(channelA, $"?ask {Question}", guildA));
        var click = FakePayloads.ButtonClick(answer.Body.Button(Down).CustomId, Bot.Discord.State.GetMessage(answer.MessageId)!, guildA);
        click.Remove("member");

        Assert.Contains("什么也没有记录", AssertEphemeralText(await Bot.InteractAsync(click)));
        await Bot.AssertNoVotesAsync(channelA, guildA, AnswerId(answer.Body));
    }

    /// <summary>Permissions as the member's <c>permissions</c> field says (null: the field is missing; "no member": no member object at all).</summary>
    [Theory]
    [InlineData(FakePayloads.DefaultMemberPermissions)]
    [InlineData("0")]
    [InlineData(null)]
    [InlineData("no member")]
    public async Task Only_members_who_may_pin_can_pin(string? permissions)
    {
        var answer = await Bot.AskAsync(BotUnderTest.UserMessage(channelA, $"?ask {Question}", guildA));
        var message = Bot.Discord.State.GetMessage(answer.MessageId)!;
        var member = BotUnderTest.User(BotUnderTest.NewId(), "member");
        var click = FakePayloads.ButtonClick(answer.Body.Button("置顶").CustomId, message, guildA, member, permissions ?? "0");
        var menu = BotUnderTest.MessageMenu("置顶回答", message, guildA, member, permissions ?? "0");
        foreach (var interaction in new[] { click, menu })
        {
            if (permissions is null)
                ((JsonObject)interaction["member"]!).Remove("permissions");
            if (permissions == "no member")
                interaction.Remove("member");
        }

        var byButton = await Bot.InteractAsync(click);
        var byMenu = await Bot.InteractAsync(menu);

        Assert.Contains("置顶消息", AssertEphemeralText(byButton));
        Assert.Contains("置顶消息", AssertEphemeralText(byMenu));
        await Bot.AssertNothingPinnedAsync(channelA, answer.MessageId, guildA);
    }

    [Fact]
    public async Task A_member_with_Manage_Messages_may_pin()
    {
        var answer = await Bot.AskAsync(BotUnderTest.UserMessage(channelA, $"?ask {Question}", guildA));
        var manageMessages = (ulong.Parse(FakePayloads.DefaultMemberPermissions) | (1UL << 13)).ToString();

        var click = await Bot.ClickAsync(answer.MessageId, "置顶", guildA, moderator, manageMessages);

        Assert.Contains("已置顶", (await click.FinalMessageAsync())["content"].Text());
        Assert.Contains(answer.MessageId, Bot.Discord.State.PinnedMessageIds(channelA));
    }

    public static TheoryData<string, string> CustomIds => new()
    {
        { "", "失效" },
        { "more:", "失效" },
        { "more:1:999999", "失效" },
        { "pin:-1", "失效" },
        { "more:-1:3", "失效" },
        { "more:1:3:4", "失效" },
        { "pin:99999999999999999999", "失效" },
        { new string('x', 100) + ":" + new string('9', 99), "失效" },
        { "更多:１:３", "失效" },
        { "pin:٣", "失效" },
        { "pin:１", "失效" },
        { "unpin:1", "失效" },
        { "more:999999999:3", "过期" },
        { "pin:999999999", "过期" },
        { "up:", "失效" },
        { "down:-1", "失效" },
        { "down:1:2", "失效" },
        { "up:１", "失效" },
        { "vote:1", "失效" },
        { "没有帮助:1", "失效" },
        { "down:" + new string('9', 95), "失效" },
        { "up:" + new string('1', 500), "失效" },
        { "up:999999999", "过期" },
        { "down:999999999", "过期" },
    };

    [Theory]
    [MemberData(nameof(CustomIds))]
    public async Task Unknown_or_malformed_custom_ids_get_a_clear_private_message(string customId, string expected)
    {
        var answer = await Bot.AskAsync(BotUnderTest.UserMessage(channelA, $"?ask {Question}", guildA));
        var message = Bot.Discord.State.GetMessage(answer.MessageId)!;

        var result = await Bot.InteractAsync(FakePayloads.ButtonClick(customId, message, guildA, moderator, FakePayloads.ModeratorPermissions));

        var text = AssertEphemeralText(result);
        output.WriteLine($"custom id \"{(customId.Length > 40 ? customId[..40] + "…" : customId)}\" ({customId.Length} chars) → {text}");
        Assert.Contains(expected, text);
        AssertUnchanged(message);
        await Bot.AssertNothingPinnedAsync(channelA, answer.MessageId, guildA);
        Assert.Equal((0, 0), Bot.VotesOn(AnswerId(answer.Body)));
    }

    [Fact]
    public async Task Interactions_with_missing_fields_get_a_clear_private_message_or_silence()
    {
        var answer = await Bot.AskAsync(BotUnderTest.UserMessage(channelA, $"?ask {Question}", guildA));
        var message = Bot.Discord.State.GetMessage(answer.MessageId)!;

        // A command without data: nothing says which command; the user is told it is not available.
        var command = BotUnderTest.Slash("ask", channelA, guildA, options: ("question", 3, Question));
        command.Remove("data");
        Assert.Contains("命令", AssertEphemeralText(await Bot.InteractAsync(command)));

        // A button click without data, or without the message it is on.
        var noData = FakePayloads.ButtonClick(answer.Body.Button("更多结果").CustomId, message, guildA);
        noData.Remove("data");
        Assert.Contains("失效", AssertEphemeralText(await Bot.InteractAsync(noData)));
        var noMessage = FakePayloads.ButtonClick(answer.Body.Button("更多结果").CustomId, message, guildA);
        noMessage.Remove("message");
        Assert.Contains("失效", AssertEphemeralText(await Bot.InteractAsync(noMessage)));

        // /ask without the member, or without the channel: answered (nobody to hold back, nothing to pin).
        var noMember = BotUnderTest.Slash("ask", channelA, guildA, options: ("question", 3, Question));
        noMember.Remove("member");
        Assert.Equal(Outcome.Answer, OutcomeOf((await Bot.InteractAsync(noMember)).Data.SingleEmbed()));
        var noChannel = BotUnderTest.Slash("ask", channelA, guildA, options: ("question", 3, Question));
        noChannel.Remove("channel_id");
        Assert.Equal(Outcome.Answer, OutcomeOf((await Bot.InteractAsync(noChannel)).Data.SingleEmbed()));

        // Autocomplete without data: no suggestions.
        var autocomplete = FakePayloads.Autocomplete("ask", "source", "003", channelA, guildA);
        autocomplete.Remove("data");
        var suggestions = await Bot.InteractAsync(autocomplete);
        Assert.Equal(8, suggestions.CallbackType);
        Assert.Empty(suggestions.Data["choices"] as JsonArray ?? []);

        // Without a token or an id nobody can be answered; a ping or a modal the bot never opened: silence.
        var noToken = BotUnderTest.Slash("ask", channelA, guildA, options: ("question", 3, Question));
        noToken.Remove("token");
        var noId = BotUnderTest.Slash("ask", channelA, guildA, options: ("question", 3, Question));
        noId.Remove("id");
        await Bot.Discord.Gateway.DispatchAsync("INTERACTION_CREATE", noToken);
        await Bot.Discord.Gateway.DispatchAsync("INTERACTION_CREATE", noId);
        var ping = BotUnderTest.Slash("ask", channelA, guildA);
        ping["type"] = 1;
        var modal = BotUnderTest.Slash("ask", channelA, guildA);
        modal["type"] = 5;
        var unknown = BotUnderTest.Slash("ask", channelA, guildA);
        unknown["type"] = 99;
        foreach (var silent in new[] { ping, modal, unknown })
            await Bot.Discord.Gateway.SendInteractionCreateAsync(silent);
        await Bot.Log.WaitForAsync(l => l.Message.Contains("Skipped INTERACTION_CREATE", StringComparison.Ordinal), 2);

        // The bot is still answering, and none of the above made it fail or answer twice.
        var after = await Bot.AskAsync(BotUnderTest.UserMessage(channelA, "?ask 什么是超级对齐", guildA));
        Assert.Equal(Outcome.Answer, OutcomeOf(after.Embed));
        foreach (var silent in new[] { ping, modal, unknown })
            Assert.Empty(Bot.Discord.State.InteractionResponses(silent.MessageId()));
        Assert.Empty(Bot.Discord.Rest.Requests.Where(r => r.Path.Contains((string)noToken["id"]!, StringComparison.Ordinal)));
        AssertNoHandlerFailed(Bot);
    }

    [Fact]
    public async Task Buttons_and_menus_on_a_message_without_components_change_nothing()
    {
        var ask = await Bot.InteractAsync(BotUnderTest.Slash("ask", channelA, guildA, options: ("question", 3, Question)));
        var original = ask.Original!;
        var bare = (JsonObject)original.DeepClone();
        bare.Remove("components");

        var more = await Bot.InteractAsync(FakePayloads.ButtonClick(original.Button("更多结果").CustomId, bare, guildA));
        var menu = await Bot.InteractAsync(BotUnderTest.MessageMenu("置顶回答", bare, guildA, moderator, FakePayloads.ModeratorPermissions));

        Assert.Contains("不属于这条回答", AssertEphemeralText(more));
        Assert.Contains("只能置顶机器人的回答", AssertEphemeralText(menu));
        AssertUnchanged(original);
        await Bot.AssertNothingPinnedAsync(channelA, original.MessageId(), guildA);
        AssertNoHandlerFailed(Bot);
    }

    [Fact]
    public async Task A_message_menu_whose_target_is_missing_gets_a_clear_private_message()
    {
        var target = await Bot.SendAsync(BotUnderTest.UserMessage(channelA, Question, guildA));
        var noResolved = BotUnderTest.MessageMenu("用机器人回答", target, guildA);
        ((JsonObject)noResolved["data"]!).Remove("resolved");
        var otherResolved = BotUnderTest.MessageMenu("用机器人回答", target, guildA);
        otherResolved["data"]!["target_id"] = BotUnderTest.NewId().ToString();
        var noTargetId = BotUnderTest.MessageMenu("置顶回答", target, guildA, moderator, FakePayloads.ModeratorPermissions);
        ((JsonObject)noTargetId["data"]!).Remove("target_id");
        var nullTarget = BotUnderTest.MessageMenu("置顶回答", target, guildA, moderator, FakePayloads.ModeratorPermissions);
        nullTarget["data"]!["resolved"]!["messages"]![target.MessageId().ToString()] = null;

        foreach (var interaction in new[] { noResolved, otherResolved, noTargetId, nullTarget })
            Assert.Contains("找不到那条消息", AssertEphemeralText(await Bot.InteractAsync(interaction)));
        Assert.Empty(Bot.PostsIn(channelA));
        AssertNoHandlerFailed(Bot);
    }

    [Fact]
    public async Task The_pin_menu_on_another_servers_answer_changes_nothing()
    {
        var inA = await Bot.AskAsync(BotUnderTest.UserMessage(channelA, $"?ask {Question}", guildA));
        var messageA = Bot.Discord.State.GetMessage(inA.MessageId)!;

        var menu = await Bot.InteractAsync(BotUnderTest.MessageMenu("置顶回答", messageA, guildB, moderator, FakePayloads.ModeratorPermissions));

        Assert.Contains("不属于这条回答", AssertEphemeralText(menu));
        await Bot.AssertNothingPinnedAsync(channelA, inA.MessageId, guildA);
        Assert.Empty(Bot.Pins.ForGuild(guildB));
    }

    [Fact]
    public async Task Pins_of_one_server_are_never_listed_or_served_first_in_another()
    {
        var inA = await Bot.AskAsync(BotUnderTest.UserMessage(channelA, $"?ask {Question}", guildA));
        await (await Bot.ClickAsync(inA.MessageId, "置顶", guildA, moderator, FakePayloads.ModeratorPermissions)).FinalMessageAsync();
        var link = AnswerFormatter.MessageLink(guildA, channelA, inA.MessageId);

        var pinsA = (await Bot.InteractAsync(BotUnderTest.Slash("pins", channelA, guildA))).Data.SingleEmbed();
        var pinsB = (await Bot.InteractAsync(BotUnderTest.Slash("pins", channelB, guildB))).Data.SingleEmbed();
        var pinsDm = await Bot.InteractAsync(BotUnderTest.Slash("pins", BotUnderTest.NewId(), guildId: null));
        var askedInA = await Bot.AskAsync(BotUnderTest.UserMessage(BotUnderTest.NewId(), $"?ask {Question}", guildA));
        var askedInB = await Bot.AskAsync(BotUnderTest.UserMessage(channelB, $"?ask {Question}", guildB));
        var slashInB = (await Bot.InteractAsync(BotUnderTest.Slash("ask", channelB, guildB, options: ("question", 3, Question)))).Data.SingleEmbed();

        Assert.Contains(link, pinsA.Description);
        Assert.StartsWith("📌 **版主置顶**", askedInA.Embed.Description);
        Assert.Equal("本服务器的置顶回答（0）", pinsB.Title);
        Assert.DoesNotContain(link, pinsB.Description);
        Assert.DoesNotContain(guildA.ToString(), pinsB.Description);
        Assert.Contains("只在服务器里有", AssertEphemeralText(pinsDm));
        foreach (var embed in new[] { askedInB.Embed, slashInB })
        {
            Assert.DoesNotContain("版主置顶", embed.Description);
            Assert.DoesNotContain(guildA.ToString(), embed.AllText);
        }
    }

    private void AssertUnchanged(JsonObject message) =>
        Assert.Equal(message.ToJsonString(), Bot.Discord.State.GetMessage(message.MessageId())!.ToJsonString());
}
