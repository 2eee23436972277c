using Bot.Discord.Rest;
using Bot.Hosting;
using Bot.Interactions;
using Bot.Search;
using Bot.Search.Ranking;
using Bot.Tests.Infrastructure;
using FakeDiscord;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Bot.Tests.Faults;

/// <summary>The real index, made to fail or to wait for the test on demand.</summary>
public sealed class FaultySearchIndex(ISearchIndex inner) : ISearchIndex
{
    private readonly ManualResetEventSlim open = new(true);

    /// <summary>While true, each search first waits until the test sets it back to false.</summary>
    public bool Held
    {
        get => !open.IsSet;
        set
        {
            if (value)
                open.Reset();
            else
                open.Set();
        }
    }

    /// <summary>Each search then throws (a bug, a corrupt snapshot: anything but a Discord error).</summary>
    public bool Fail { get; set; }

    public IReadOnlyList<DocumentInfo> Documents => inner.Documents;

    public SearchResponse Search(string question, SearchOptions? options = null)
    {
        if (!open.Wait(BotUnderTest.Timeout * 2))
            throw new TimeoutException("The test never let the search through.");
        if (Fail)
            throw new InvalidOperationException("search blew up (injected by the test)");
        return inner.Search(question, options);
    }
}

/// <summary>
/// The deferral and the fake's 3-second deadline run on <see cref="Clock"/>, which only the tests move: a search the test
/// holds is slow by exactly as much as the test moves the clock, and one it does not hold always beats the deferral.
/// </summary>
public sealed class InteractionFaultFixture : BotFixture
{
    public FaultySearchIndex Index { get; private set; } = null!;

    public TestClock Clock { get; } = new();

    protected override BotTestOptions CreateOptions() => new()
    {
        ConfigureDiscord = o => o with { Time = Clock },
        Customize = services =>
        {
            services.AddSingleton<ISearchIndex>(p => Index = new FaultySearchIndex(p.GetRequiredService<LiveSearchIndex>()));
            services.AddSingleton(p => new InteractionResponder(
                p.GetRequiredService<IDiscordRest>(), p.GetRequiredService<BotOptions>(), p.GetRequiredService<BotIdentity>(), Clock));
        },
    };
}

/// <summary>
/// An interaction or a channel question whose work fails with something other than a Discord error, or an interaction
/// whose work takes longer than Discord's three seconds: the user still gets an answer or a short Chinese error, never
/// Discord's "interaction failed" or silence.
/// </summary>
public sealed class InteractionFaultTests : IClassFixture<InteractionFaultFixture>, IDisposable
{
    private const string Question = "Schulman 发明了哪些强化学习算法";
    private const string Failed = "出错了，请稍后再试。";

    private readonly InteractionFaultFixture fixture;
    private readonly ITestOutputHelper output;

    public InteractionFaultTests(InteractionFaultFixture fixture, ITestOutputHelper output)
    {
        this.fixture = fixture;
        this.output = output;
    }

    private BotUnderTest Bot => fixture.Bot;

    public void Dispose()
    {
        fixture.Index.Fail = false;
        fixture.Index.Held = false;
    }

    [Theory]
    [InlineData("ask")]
    [InlineData("search")]
    public async Task A_command_whose_work_throws_is_answered_with_a_short_Chinese_error(string command)
    {
        fixture.Index.Fail = true;
        var option = command == "ask" ? "question" : "query";

        var result = await Bot.InteractAsync(BotUnderTest.Slash(command, BotUnderTest.NewId(), options: [(option, 3, Question)]));

        output.WriteLine($"/{command} → callback type {result.CallbackType}: {result.Content}");
        Assert.Equal(204, result.Callback.StatusCode);
        Assert.Equal(4, result.CallbackType);
        Assert.True(result.IsEphemeral);
        Assert.Equal(Failed, result.Content);
        Assert.Contains(Bot.Log.Lines, l => l.Exception?.Contains("search blew up", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task A_channel_question_whose_search_throws_gets_a_short_Chinese_error_and_the_next_is_answered()
    {
        var channel = BotUnderTest.NewId();
        fixture.Index.Fail = true;

        var failed = await Bot.AskAsync(BotUnderTest.UserMessage(channel, $"?ask {Question}"));

        Assert.Equal(Failed, failed.Content);
        Assert.Empty(failed.Body.Embeds());
        Assert.Contains(Bot.Log.Lines, l => l.Exception?.Contains("search blew up", StringComparison.Ordinal) == true);

        fixture.Index.Fail = false;
        var answered = await Bot.AskAsync(BotUnderTest.UserMessage(channel, $"?ask {Question}"));
        AnswerChecks.AssertAnswer(Bot, Question, answered.Embed);
    }

    [Fact]
    public async Task A_button_whose_work_throws_is_answered_with_a_short_Chinese_error_and_the_answer_stays()
    {
        var ask = await Bot.InteractAsync(BotUnderTest.Slash("ask", BotUnderTest.NewId(), options: [("question", 3, Question)]));
        await ask.FinalMessageAsync(); // a slow first answer is deferred, then edited in
        var message = ask.Original!;
        fixture.Index.Fail = true;

        var more = await Bot.InteractAsync(FakePayloads.ButtonClick(message.Button("更多结果").CustomId, message, BotUnderTest.DefaultGuildId));

        Assert.Equal(4, more.CallbackType);
        Assert.True(more.IsEphemeral);
        Assert.Equal(Failed, more.Content);
        Assert.Equal(message.SingleEmbed().Description, ask.Original!.SingleEmbed().Description); // the answer itself untouched
    }

    [Fact]
    public async Task A_slow_button_whose_work_then_throws_leaves_the_answer_and_says_so_privately()
    {
        var ask = await Bot.InteractAsync(BotUnderTest.Slash("ask", BotUnderTest.NewId(), options: [("question", 3, Question)]));
        await ask.FinalMessageAsync(); // a slow first answer is deferred, then edited in
        var message = ask.Original!;
        fixture.Index.Held = true;
        fixture.Index.Fail = true;

        var more = await DeferredAsync(FakePayloads.ButtonClick(message.Button("更多结果").CustomId, message, BotUnderTest.DefaultGuildId));
        fixture.Index.Held = false;

        Assert.Equal(6, more.CallbackType); // deferred update: the answer's message will be edited, or kept
        Assert.True(await BotUnderTest.EventuallyAsync(() => Bot.Discord.State.Followups(more.Id).Count > 0), "no follow-up said what went wrong");
        var followup = Assert.Single(Bot.Discord.State.Followups(more.Id));
        Assert.Equal(Failed, followup["content"].Text());
        Assert.Equal(64, (followup["flags"].Int() ?? 0) & 64);
        Assert.Equal(message.SingleEmbed().Description, ask.Original!.SingleEmbed().Description); // the answer itself untouched
    }

    [Fact]
    public async Task A_search_slower_than_Discords_three_seconds_is_deferred_in_time_and_answered_by_an_edit()
    {
        fixture.Index.Held = true;

        var ask = await DeferredAsync(BotUnderTest.Slash("ask", BotUnderTest.NewId(), options: [("question", 3, Question)]));
        fixture.Clock.Advance(TimeSpan.FromSeconds(2)); // the search takes 3.5 s in all
        fixture.Index.Held = false;

        Assert.Equal(5, ask.CallbackType);
        Assert.Equal(204, ask.Callback.StatusCode); // within the deadline: the fake refuses a late one with 10062
        var edit = await ask.WaitForEditAsync();
        output.WriteLine($"deferred after {(ask.Callback.ReceivedAt - ReceivedAt(ask)).TotalMilliseconds:0} ms, answered by an edit");
        AnswerChecks.AssertAnswer(Bot, Question, edit.SingleEmbed());
    }

    [Fact]
    public async Task A_slow_search_that_then_throws_turns_the_thinking_message_into_a_short_Chinese_error()
    {
        fixture.Index.Held = true;
        fixture.Index.Fail = true;

        var ask = await DeferredAsync(BotUnderTest.Slash("ask", BotUnderTest.NewId(), options: [("question", 3, Question)]));
        fixture.Index.Held = false;

        Assert.Equal(5, ask.CallbackType);
        var edit = await ask.WaitForEditAsync();
        Assert.Equal(Failed, edit["content"].Text());
        Assert.Equal(0, (ask.Original!["flags"].Int() ?? 0) & 128); // no longer "thinking…"
    }

    /// <summary>Sends the interaction while searches are held and moves the clock to the deferral; its acknowledgement.</summary>
    private async Task<InteractionResult> DeferredAsync(System.Text.Json.Nodes.JsonObject interaction)
    {
        fixture.Clock.SkipStartedTimers(); // earlier interactions' deferrals, which their answers beat
        var acknowledged = Bot.InteractAsync(interaction);
        var deferral = await fixture.Clock.NextTimerAsync();
        fixture.Clock.AdvanceTo(deferral);
        var result = await acknowledged;
        Assert.Equal(TimeSpan.FromMilliseconds(Bot.Options.DeferAfterMilliseconds), result.Callback.ReceivedAt - ReceivedAt(result));
        return result;
    }

    private TimeSpan ReceivedAt(InteractionResult result) =>
        Bot.Discord.Gateway.Sent.Snapshot().First(p => p.EventName == "INTERACTION_CREATE" && p.Data?.GetProperty("id").GetString() == result.Id.ToString()).At;
}
