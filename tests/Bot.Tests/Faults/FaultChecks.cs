using System.Diagnostics;
using System.Text.Json.Nodes;
using Bot.Tests.Infrastructure;
using FakeDiscord;
using Xunit.Abstractions;

namespace Bot.Tests.Faults;

/// <summary>
/// What fault tests share: timings scaled down so a fault and the recovery from it take a fraction of a second instead
/// of Discord's real seconds, and the count a user would make: how many replies each question got.
/// </summary>
internal static class FaultChecks
{
    /// <summary>
    /// Discord:Timings shortened about tenfold (reconnect backoff 0.1–0.5 s instead of 1–60 s, identify spacing 0.1 s instead
    /// of 5 s, invalid-session wait 0.05–0.2 s instead of 1–5 s, REST retries 0.1 s apart instead of 1 s). The behaviour
    /// (resume or identify, retry or give up) is the same; only the waits shrink.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string?> ShortTimings = new Dictionary<string, string?>
    {
        ["Discord:Timings:ReconnectBaseDelay"] = "00:00:00.100",
        ["Discord:Timings:ReconnectMaxDelay"] = "00:00:00.500",
        ["Discord:Timings:InvalidSessionMinDelay"] = "00:00:00.050",
        ["Discord:Timings:InvalidSessionMaxDelay"] = "00:00:00.200",
        ["Discord:Timings:IdentifySpacing"] = "00:00:00.100",
        ["Discord:Timings:ServerErrorBaseDelay"] = "00:00:00.100",
        ["Discord:Timings:ConnectTimeout"] = "00:00:05",
    };

    public static IReadOnlyDictionary<string, string?> With(this IReadOnlyDictionary<string, string?> settings, params (string Key, string? Value)[] more)
    {
        var merged = new Dictionary<string, string?>(settings);
        foreach (var (key, value) in more)
            merged[key] = value;
        return merged;
    }

    private static int number;

    /// <summary>A question with an answer in the seeds, made unique so its reply can be told apart in logs.</summary>
    public static JsonObject Question(ulong channel, string text = "什么是超级对齐", ulong? guild = BotUnderTest.DefaultGuildId) =>
        BotUnderTest.UserMessage(channel, $"?ask {text}（{Interlocked.Increment(ref number)}）", guild);

    /// <summary>What a message from <see cref="Question"/> asks, as the bot reads it: the numbered text without the prefix.</summary>
    public static string Asked(JsonObject question) => question["content"]!.GetValue<string>()["?ask ".Length..];

    /// <summary>Replies the fake now holds to a question: what the channel shows.</summary>
    public static int RepliesShown(this BotUnderTest bot, ulong channelId, ulong questionId) =>
        bot.Discord.State.MessagesIn(channelId).Count(m => m["author"]?["id"].Id() == bot.BotUserId && m["message_reference"]?["message_id"].Id() == questionId);

    /// <summary>
    /// Waits until every question shows a reply, then a little longer for any late duplicate, and asserts that each shows
    /// exactly one: none lost, none doubled. Writes the figures to the test output.
    /// </summary>
    public static async Task AssertEachAnsweredOnceAsync(this BotUnderTest bot, IReadOnlyCollection<JsonObject> questions, ITestOutputHelper? output = null, TimeSpan? timeout = null, string what = "")
    {
        var clock = Stopwatch.StartNew();
        await BotUnderTest.EventuallyAsync(() => questions.All(q => bot.RepliesShown(q.ChannelId(), q.MessageId()) >= 1), timeout ?? BotUnderTest.Timeout);
        var waited = clock.Elapsed;
        await Task.Delay(400);
        var counts = questions.Select(q => bot.RepliesShown(q.ChannelId(), q.MessageId())).ToList();
        var lost = counts.Count(c => c == 0);
        var duplicated = counts.Count(c => c > 1);
        output?.WriteLine($"{what}: {questions.Count} questions, {questions.Count - lost} answered, {lost} lost, {duplicated} duplicated (all in after {waited.TotalSeconds:0.0} s)");
        Assert.True(lost == 0 && duplicated == 0,
            $"{what}: of {questions.Count} questions {lost} got no reply and {duplicated} more than one. Last log lines:\n"
            + string.Join("\n", bot.Log.Lines.TakeLast(30)));
    }

    public static ulong ChannelId(this JsonObject message) => message["channel_id"].Id() ?? throw new InvalidOperationException("A message without a channel.");

    /// <summary>Sends questions one after the other (each dispatched, not waited for).</summary>
    public static async Task<List<JsonObject>> SendQuestionsAsync(this BotUnderTest bot, ulong channel, int count)
    {
        var sent = new List<JsonObject>();
        for (var i = 0; i < count; i++)
            sent.Add(await bot.SendAsync(Question(channel)));
        return sent;
    }

    /// <summary>The newest open connection that has identified or resumed a session (waits for one).</summary>
    public static async Task<FakeGatewayConnection> LiveConnectionAsync(this BotUnderTest bot)
    {
        FakeGatewayConnection? live = null;
        await BotUnderTest.EventuallyAsync(() => (live = bot.Discord.Gateway.CurrentConnection) is { IsOpen: true, Session: not null });
        return live ?? throw new TimeoutException("No live gateway connection within " + BotUnderTest.Timeout);
    }

    /// <summary>Waits for a resumed session: RESUMED sent on a connection newer than <paramref name="after"/>.</summary>
    public static Task WaitForResumedAsync(this BotUnderTest bot, int after, TimeSpan? timeout = null) =>
        bot.Discord.Gateway.Sent.WaitAsync(p => p.ConnectionId > after && p.EventName == "RESUMED", timeout ?? BotUnderTest.Timeout, "RESUMED");
}

/// <summary>A member asking a question every so often in one channel, for as long as a fault lasts.</summary>
internal sealed class Asker
{
    private readonly BotUnderTest bot;
    private readonly CancellationTokenSource stop = new();
    private readonly List<JsonObject> questions = [];
    private readonly Task running;

    private Asker(BotUnderTest bot, ulong channel, TimeSpan every, string question)
    {
        this.bot = bot;
        Channel = channel;
        running = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var sent = await bot.SendAsync(FaultChecks.Question(channel, question));
                lock (questions)
                    questions.Add(sent);
                try
                {
                    await Task.Delay(every, stop.Token);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        });
    }

    public ulong Channel { get; }

    public static Asker Start(BotUnderTest bot, TimeSpan every, string question = "什么是超级对齐") => new(bot, BotUnderTest.NewId(), every, question);

    /// <summary>Stops asking; the questions asked so far.</summary>
    public async Task<IReadOnlyList<JsonObject>> StopAsync()
    {
        await stop.CancelAsync();
        await running;
        lock (questions)
            return questions.ToList();
    }

    /// <summary>For each answered question, from its dispatch to the bot's first accepted reply (the fake's clock).</summary>
    public static IReadOnlyList<TimeSpan> Latencies(BotUnderTest bot, IEnumerable<JsonObject> asked)
    {
        var sent = bot.Discord.Gateway.Sent.Snapshot().Where(p => p.EventName == "MESSAGE_CREATE" && p.Data is not null)
            .GroupBy(p => p.Data!.Value.GetProperty("id").GetString()).ToDictionary(g => g.Key!, g => g.Min(p => p.At));
        var latencies = new List<TimeSpan>();
        foreach (var question in asked)
        {
            var reply = bot.RepliesTo(question.MessageId()).Where(r => r.StatusCode == 200).MinBy(r => r.ReceivedAt);
            if (reply is not null && sent.TryGetValue(question["id"].Text()!, out var at))
                latencies.Add(reply.ReceivedAt - at);
        }
        return latencies;
    }
}
