using Bot.Tests.Infrastructure;
using FakeDiscord;
using static Bot.Tests.Infrastructure.VoteChecks;

namespace Bot.Tests;

/// <summary>Members rating answers with 👍 and 👎; each test in its own server, so that votes do not meet.</summary>
public sealed class VoteTests(BotFixture fixture) : IClassFixture<BotFixture>
{
    private readonly ulong guild = BotUnderTest.NewId();
    private readonly ulong channel = BotUnderTest.NewId();

    private BotUnderTest Bot => fixture.Bot;

    private static System.Text.Json.Nodes.JsonObject Member(string name) => BotUnderTest.User(BotUnderTest.NewId(), name);

    [Fact]
    public async Task A_vote_is_recorded_changed_and_withdrawn_and_only_the_member_is_told()
    {
        var answer = await Bot.AskAsync(BotUnderTest.UserMessage(channel, $"?ask {PinTests.Question}", guild));
        var answerId = AnswerId(answer.Body);
        var before = Bot.Discord.State.GetMessage(answer.MessageId)!.ToJsonString();
        var member = Member("member");

        Assert.Equal("已记录：有帮助", await Bot.VoteAsync(answer.MessageId, Up, member, guild));
        Assert.Equal((0, 1), Bot.VotesOn(answerId));

        Assert.Equal("已记录：没有帮助", await Bot.VoteAsync(answer.MessageId, Down, member, guild));
        Assert.Equal((1, 0), Bot.VotesOn(answerId)); // changed, not a second vote

        Assert.Equal("已撤回", await Bot.VoteAsync(answer.MessageId, Down, member, guild));
        Assert.Equal((0, 0), Bot.VotesOn(answerId));

        // One vote per member: another member's counts beside the first's.
        Assert.Equal("已记录：有帮助", await Bot.VoteAsync(answer.MessageId, Up, member, guild));
        Assert.Equal("已记录：有帮助", await Bot.VoteAsync(answer.MessageId, Up, Member("another"), guild));
        Assert.Equal((0, 2), Bot.VotesOn(answerId));

        // Votes change nothing others see: the answer is not edited, nothing is posted in the channel.
        Assert.Equal(before, Bot.Discord.State.GetMessage(answer.MessageId)!.ToJsonString());
        Assert.Single(Bot.PostsIn(channel));
    }

    [Fact]
    public async Task Two_downvotes_push_the_answers_first_passage_down_for_a_similar_question_in_that_server_only()
    {
        var answer = await Bot.AskAsync(BotUnderTest.UserMessage(channel, $"?ask {PinTests.Question}", guild));
        var wrong = AnswerChecks.SourceLines(answer.Embed.Description)[0];
        // Where nobody voted, a similar question gets the same passage first.
        var otherServer = BotUnderTest.NewId();
        Assert.Equal(wrong, FirstSourceLine(await AskSimilarAsync(otherServer)));

        // One 👎 is one opinion: nothing moves yet.
        await Bot.VoteAsync(answer.MessageId, Down, Member("first"), guild);
        Assert.Equal(wrong, FirstSourceLine(await AskSimilarAsync(guild)));

        await Bot.VoteAsync(answer.MessageId, Down, Member("second"), guild);
        var later = await AskSimilarAsync(guild);

        var lines = AnswerChecks.SourceLines(later.Embed.Description);
        Assert.NotEqual(wrong, lines[0]);
        Assert.True(lines.Count >= 2, $"the other results are missing: {later.Embed.Description}");
        // If the passage is still on the first page, it is last.
        Assert.True(!lines.Contains(wrong) || lines[^1] == wrong, $"the passage voted down is not below the others: {later.Embed.Description}");
        Assert.StartsWith("**1.** ", later.Embed.Description);
        AnswerChecks.AssertWithinLimits(later.Embed);
        await Bot.Log.WaitForAsync(l => l.Message.StartsWith("Pushed passage", StringComparison.Ordinal) && l.Message.Contains($"in server {guild}", StringComparison.Ordinal));

        // Another server, and an unrelated question here, are not affected.
        Assert.Equal(wrong, FirstSourceLine(await AskSimilarAsync(otherServer)));
        var unrelated = await Bot.AskAsync(BotUnderTest.UserMessage(channel, "?ask 什么是超级对齐", guild));
        AnswerChecks.AssertAnswer(Bot, "什么是超级对齐", unrelated.Embed);
    }

    [Fact]
    public async Task Withdrawing_one_of_two_downvotes_brings_the_passage_back()
    {
        var answer = await Bot.AskAsync(BotUnderTest.UserMessage(channel, $"?ask {PinTests.Question}", guild));
        var wrong = AnswerChecks.SourceLines(answer.Embed.Description)[0];
        var first = Member("first");
        await Bot.VoteAsync(answer.MessageId, Down, first, guild);
        await Bot.VoteAsync(answer.MessageId, Down, Member("second"), guild);
        Assert.NotEqual(wrong, FirstSourceLine(await AskSimilarAsync(guild)));

        Assert.Equal("已撤回", await Bot.VoteAsync(answer.MessageId, Down, first, guild));

        Assert.Equal(wrong, FirstSourceLine(await AskSimilarAsync(guild)));
    }

    [Fact]
    public async Task A_moderators_pin_outranks_the_votes()
    {
        var answer = await Bot.AskAsync(BotUnderTest.UserMessage(channel, $"?ask {PinTests.Question}", guild));
        var pinned = AnswerChecks.SourceLines(answer.Embed.Description)[0];
        await Bot.VoteAsync(answer.MessageId, Down, Member("first"), guild);
        await Bot.VoteAsync(answer.MessageId, Down, Member("second"), guild);

        var moderator = BotUnderTest.User(BotUnderTest.NewId(), "moderator");
        var pin = await Bot.ClickAsync(answer.MessageId, "置顶", guild, moderator, FakePayloads.ModeratorPermissions);
        Assert.Contains("已置顶", (await pin.FinalMessageAsync())["content"].Text());

        var later = await AskSimilarAsync(guild);
        Assert.StartsWith("📌 **版主置顶**", later.Embed.Description);
        Assert.Equal(pinned, FirstSourceLine(later));
    }

    [Fact]
    public async Task Votes_on_a_private_answer_and_on_a_page_of_more_results_count_for_the_answer()
    {
        var ask = await Bot.InteractAsync(BotUnderTest.Slash("ask", channel, guild, options: [("question", 3, PinTests.Question), ("private", 5, true)]));
        var message = ask.Original!;
        var vote = await Bot.InteractAsync(FakePayloads.ButtonClick(message.Button(Down).CustomId, message, guild, Member("private")));
        Assert.True(vote.IsEphemeral);
        Assert.Equal("已记录：没有帮助", vote.Content);

        var answer = await Bot.AskAsync(BotUnderTest.UserMessage(channel, $"?ask {PinTests.Question}", guild));
        await Bot.ClickAsync(answer.MessageId, "更多结果", guild);
        Assert.Equal("已记录：有帮助", await Bot.VoteAsync(answer.MessageId, Up, Member("reader"), guild));

        Assert.Equal((1, 0), Bot.VotesOn(AnswerId(message)));
        Assert.Equal((0, 1), Bot.VotesOn(AnswerId(answer.Body)));
    }

    private Task<Reply> AskSimilarAsync(ulong server) =>
        Bot.AskAsync(BotUnderTest.UserMessage(BotUnderTest.NewId(), $"?ask {PinTests.SimilarQuestion}", server, Member("later-asker")));

    private static string FirstSourceLine(Reply reply) => AnswerChecks.SourceLines(reply.Embed.Description)[0];
}
