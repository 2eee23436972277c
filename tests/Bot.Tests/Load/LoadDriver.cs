using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bot.Tests.Infrastructure;
using FakeDiscord;

namespace Bot.Tests.Load;

/// <summary>
/// How hard to drive the bot. The defaults are the short form that runs in <c>dotnet test</c>; the environment
/// variables give the full forms (see README, 可靠性：负载).
/// </summary>
/// <param name="MetricsPort">With <c>BOT_LOAD_METRICS=1</c>, the bot serves /metrics here and the run scrapes it every second.</param>
public sealed record LoadProfile(int Guilds, int Channels, double QuestionsPerSecond, TimeSpan Duration, int? MetricsPort = null)
{
    public static LoadProfile FromEnvironment() => new(
        Number("BOT_LOAD_GUILDS", 10),
        Number("BOT_LOAD_CHANNELS", 50),
        Number("BOT_LOAD_RATE", 100),
        TimeSpan.FromSeconds(Number("BOT_LOAD_SECONDS", 5)),
        Environment.GetEnvironmentVariable("BOT_LOAD_METRICS") == "1" ? FreePort() : null);

    public override string ToString() =>
        $"{Channels} channels in {Guilds} servers, {QuestionsPerSecond:0.#} questions/s for {Duration.TotalSeconds:0.#} s, metrics {(MetricsPort is null ? "off" : "on, scraped every second")}";

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static int Number(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : fallback;
}

/// <summary>What a load run measured.</summary>
/// <param name="SendRate">Questions dispatched per second while sending.</param>
/// <param name="ReplyRate">Replies received per second, from the first question to the last reply.</param>
/// <param name="Failed">Replies the fake refused (not 200).</param>
/// <param name="Pinging">Replies whose allowed_mentions would let something ping.</param>
/// <param name="Stray">Message posts that answer none of the questions sent.</param>
/// <param name="DispatchMaxMs">The longest the fake took to send one MESSAGE_CREATE (part of the latency, not the bot's).</param>
/// <param name="PeakThreads">Most thread-pool threads at once, and <paramref name="PeakQueued"/> the most work items waiting for one.</param>
/// <param name="CoresUsed">Processor time of the whole process (bot, fake, driver) over the sending time, in cores.</param>
/// <param name="WithoutButtons">Answers (passages with sources) sent without their buttons: the bot could not store them in time.</param>
public sealed record LoadReport(
    LoadProfile Profile,
    int Sent,
    int Replied,
    int Lost,
    int Duplicates,
    int Failed,
    int Pinging,
    int Stray,
    int WithoutButtons,
    double SendRate,
    double ReplyRate,
    double P50Ms,
    double P90Ms,
    double P99Ms,
    double MaxMs,
    double DispatchMaxMs,
    long BaselineManaged,
    long BaselineWorkingSet,
    long PeakManaged,
    long PeakWorkingSet,
    long AfterManaged,
    long AfterWorkingSet,
    int PeakThreads,
    long PeakQueued,
    double CoresUsed)
{
    /// <summary>Managed memory after the run (forced GC) within 16 MB or 25% of where it started.</summary>
    public bool ManagedBackToBaseline => AfterManaged <= BaselineManaged + Math.Max(16L << 20, BaselineManaged / 4);

    public override string ToString()
    {
        static string Mb(long bytes) => $"{bytes / 1048576.0:0.0} MB";
        return new StringBuilder()
            .AppendLine($"load: {Profile}")
            .AppendLine($"  questions sent {Sent} at {SendRate:0.0}/s; replies {Replied} at {ReplyRate:0.0}/s; lost {Lost}, duplicates {Duplicates}, refused {Failed}, pinging {Pinging}, stray {Stray}, answers without buttons {WithoutButtons}")
            .AppendLine($"  message-to-reply latency p50 {P50Ms:0.00} ms, p90 {P90Ms:0.00} ms, p99 {P99Ms:0.00} ms, max {MaxMs:0.0} ms (the fake's longest dispatch {DispatchMaxMs:0.0} ms)")
            .AppendLine($"  managed memory: baseline {Mb(BaselineManaged)}, peak {Mb(PeakManaged)}, after (forced GC) {Mb(AfterManaged)} → {(ManagedBackToBaseline ? "back to baseline" : "NOT back to baseline")}")
            .AppendLine($"  working set: baseline {Mb(BaselineWorkingSet)}, peak {Mb(PeakWorkingSet)}, after {Mb(AfterWorkingSet)} (one process: bot, fake Discord and driver)")
            .Append($"  CPU: {CoresUsed:0.00} of {Environment.ProcessorCount} cores (bot, fake and driver); thread pool: at most {PeakThreads} threads, {PeakQueued} work items waiting")
            .ToString();
    }
}

/// <summary>
/// Drives the real bot (<see cref="BotUnderTest"/>) over loopback: every channel asks its questions at its share of the
/// target rate, concurrently, through the fake's gateway; each reply is matched to its question as the fake receives the
/// reply POST. Latency runs from just before the fake dispatches MESSAGE_CREATE to the moment it has received the reply.
/// <para>
/// Keeping memory flat: the fake records requests (the tap below needs the recording), so the driver observes each
/// request as it is recorded and empties the fake's logs every second; it deletes each question from the fake once
/// answered and the bot's replies every second. What stays in the fake (a nonce per reply) is a few bytes a question.
/// </para>
/// </summary>
public sealed class LoadDriver
{
    private static readonly TimeSpan Drain = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan DuplicateGrace = TimeSpan.FromMilliseconds(500);

    private readonly BotUnderTest bot;
    private readonly LoadProfile profile;
    private readonly IReadOnlyList<string> questions;
    private readonly ConcurrentDictionary<ulong, Sample> samples = new();
    private readonly (ulong Channel, ulong Guild, JsonObject Author)[] channels;
    private volatile bool observing = true;
    private int replied;
    private int duplicates;
    private int failed;
    private int pinging;
    private int stray;
    private int withoutButtons;
    private long lastReplyAt;

    private LoadDriver(BotUnderTest bot, LoadProfile profile, IReadOnlyList<string> questions)
    {
        this.bot = bot;
        this.profile = profile;
        this.questions = questions;
        channels = Enumerable.Range(0, profile.Channels)
            .Select(i => (BotUnderTest.NewId(), GuildId(i % profile.Guilds), BotUnderTest.User(BotUnderTest.NewId(), $"asker-{i}")))
            .ToArray();
    }

    /// <summary>The servers of a profile, announced in READY like real ones.</summary>
    public static IReadOnlyList<FakeGuild> Guilds(LoadProfile profile) =>
        Enumerable.Range(0, profile.Guilds).Select(i => new FakeGuild(GuildId(i), $"负载测试服务器 {i + 1}")).ToArray();

    /// <summary>
    /// The bot as a load run needs it. The cooldown (per user: <c>Bot:CooldownQuestions</c> per <c>Bot:CooldownSeconds</c>)
    /// is set far above what any asker sends here (each channel has its own asker, at most a few questions a second), so
    /// that it never holds a question back; the client-side global request limit (50/s by default, as on Discord) is off
    /// (<c>Discord:GlobalRequestsPerSecond</c> 0), because the fake imposes no limits and the point is the bot's own
    /// throughput. Logging is at Warning (the capture would otherwise hold a line per answer); the line that says the
    /// bot is ready stays at Information. The fake keeps 1,000 events for resumes instead of 10,000.
    /// </summary>
    public static BotTestOptions BotOptions(LoadProfile profile) => new()
    {
        Guilds = Guilds(profile),
        CooldownQuestions = 1_000_000,
        CooldownSeconds = 1,
        LogLevel = "Warning",
        ConfigureDiscord = o => o with { ReplayBufferSize = 1000 },
        Configuration = new Dictionary<string, string?>
        {
            ["Discord:GlobalRequestsPerSecond"] = "0",
            ["Logging:LogLevel:Bot.Hosting.DiscordBotService"] = "Information",
            ["Metrics:Port"] = profile.MetricsPort?.ToString(CultureInfo.InvariantCulture),
        },
    };

    /// <summary>Real questions (the eval sets) and off-topic ones, so that replies are answers and "no passage" alike.</summary>
    public static IReadOnlyList<string> Questions()
    {
        var eval = Path.Combine(Repo.Root, "tests", "eval");
        return File.ReadAllLines(Path.Combine(eval, "questions.txt"))
            .Concat(File.ReadAllLines(Path.Combine(eval, "heldout.tsv")).Select(l => l.Split('\t') is { Length: > 1 } f ? f[1] : ""))
            .Concat(File.ReadAllLines(Path.Combine(eval, "offtopic.txt")))
            .Select(q => q.Trim())
            .Where(q => q.Length > 0)
            .ToArray();
    }

    public static async Task<LoadReport> RunAsync(BotUnderTest bot, LoadProfile profile, IReadOnlyList<string> questions, Action<string>? log = null)
    {
        var driver = new LoadDriver(bot, profile, questions);
        return await driver.RunAsync(log ?? (_ => { })).ConfigureAwait(false);
    }

    private async Task<LoadReport> RunAsync(Action<string> log)
    {
        var tap = bot.Discord.Rest.Requests.WaitForCountAsync(Observe, int.MaxValue, TimeSpan.FromHours(6), "load tap");
        _ = tap.ContinueWith(t => _ = t.Exception, TaskScheduler.Default);
        try
        {
            // Warm-up: a question in every channel (first use of each server's pins, each channel's rate-limit bucket, the JIT).
            await SendAsync(Enumerable.Range(0, channels.Length).Select(i => (i, i)).ToArray()).ConfigureAwait(false);
            if (!await WaitForRepliesAsync(channels.Length, Drain).ConfigureAwait(false))
                throw new TimeoutException($"The warm-up questions were not all answered: {Volatile.Read(ref replied)} of {channels.Length}.");
            await Task.Delay(DuplicateGrace).ConfigureAwait(false);
            Sweep();
            Reset();
            var (baselineManaged, baselineWorkingSet) = SettledMemory();
            log($"baseline after warm-up: managed {baselineManaged / 1048576.0:0.0} MB, working set {baselineWorkingSet / 1048576.0:0.0} MB");

            using var stop = new CancellationTokenSource();
            var peaks = new Peaks(baselineManaged, baselineWorkingSet);
            var sampling = SampleMemoryAsync(peaks, stop.Token);
            var sweeping = SweepEverySecondAsync(stop.Token);
            var cpu = Environment.CpuUsage.TotalTime;
            var clock = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, channels.Length).Select(ChannelAsync)).ConfigureAwait(false);
            var sendSeconds = clock.Elapsed.TotalSeconds;
            var coresUsed = (Environment.CpuUsage.TotalTime - cpu).TotalSeconds / sendSeconds;
            var sent = samples.Count;
            var firstSent = samples.Values.Min(s => s.SentAt);
            await WaitForRepliesAsync(sent, Drain).ConfigureAwait(false);
            await Task.Delay(DuplicateGrace).ConfigureAwait(false);
            await stop.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(sampling, sweeping).ConfigureAwait(false);

            observing = false;
            var dispatchMax = samples.Values.Max(s => Stopwatch.GetElapsedTime(s.SentAt, s.DispatchedAt).TotalMilliseconds);
            var latencies = samples.Values.Where(s => s.RepliedAt != 0).Select(s => Stopwatch.GetElapsedTime(s.SentAt, s.RepliedAt).TotalMilliseconds).Order().ToArray();
            var replyCount = Volatile.Read(ref replied);
            var replySeconds = Stopwatch.GetElapsedTime(firstSent, Volatile.Read(ref lastReplyAt)).TotalSeconds;
            samples.Clear();
            Sweep();
            var (afterManaged, afterWorkingSet) = SettledMemory();
            return new LoadReport(
                profile, sent, replyCount, sent - replyCount, Volatile.Read(ref duplicates), Volatile.Read(ref failed), Volatile.Read(ref pinging), Volatile.Read(ref stray), Volatile.Read(ref withoutButtons),
                sent / sendSeconds, replyCount / Math.Max(replySeconds, 1e-9),
                Percentile(latencies, 0.50), Percentile(latencies, 0.90), Percentile(latencies, 0.99), latencies.Length == 0 ? double.NaN : latencies[^1], dispatchMax,
                baselineManaged, baselineWorkingSet, peaks.Managed, peaks.WorkingSet, afterManaged, afterWorkingSet, peaks.Threads, peaks.Queued, coresUsed);
        }
        finally
        {
            observing = false;
        }
    }

    /// <summary>One channel's questions, at its share of the rate, offset so that the channels take turns.</summary>
    private async Task ChannelAsync(int channel)
    {
        var interval = channels.Length / profile.QuestionsPerSecond;
        var offset = channel / profile.QuestionsPerSecond;
        var start = Stopwatch.GetTimestamp();
        for (var k = 0; ; k++)
        {
            var due = TimeSpan.FromSeconds(offset + (k * interval));
            if (due >= profile.Duration)
                return;
            var wait = due - Stopwatch.GetElapsedTime(start);
            if (wait > TimeSpan.Zero)
                await Task.Delay(wait).ConfigureAwait(false);
            await SendAsync([(channel, (channel * 7) + k)]).ConfigureAwait(false);
        }
    }

    private async Task SendAsync(IReadOnlyList<(int Channel, int Question)> batch)
    {
        foreach (var (index, question) in batch)
        {
            var (channel, guild, author) = channels[index];
            var message = FakePayloads.Message(channel, $"{BotUnderTest.Prefix} {questions[question % questions.Count]}", guild, (JsonObject)author.DeepClone());
            var sample = new Sample();
            samples[message.MessageId()] = sample;
            sample.SentAt = Stopwatch.GetTimestamp();
            await bot.Discord.Gateway.SendMessageCreateAsync(message).ConfigureAwait(false);
            sample.DispatchedAt = Stopwatch.GetTimestamp();
        }
    }

    /// <summary>Sees every request the fake records (called under the log's lock, so it only counts and stamps).</summary>
    private bool Observe(RecordedRequest request)
    {
        if (!observing || request.Method != "POST" || !request.Path.StartsWith("/channels/", StringComparison.Ordinal) || !request.Path.EndsWith("/messages", StringComparison.Ordinal))
            return false;
        var now = Stopwatch.GetTimestamp();
        var body = request.Body;
        if (body is not { ValueKind: JsonValueKind.Object } b
            || !b.TryGetProperty("message_reference", out var reference)
            || !reference.TryGetProperty("message_id", out var id)
            || !ulong.TryParse(id.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var questionId)
            || !samples.TryGetValue(questionId, out var sample))
        {
            Interlocked.Increment(ref stray);
            return false;
        }

        if (request.StatusCode != 200)
        {
            Interlocked.Increment(ref failed);
            return false;
        }

        if (!b.TryGetProperty("allowed_mentions", out var mentions)
            || !mentions.TryGetProperty("parse", out var parse) || parse.ValueKind != JsonValueKind.Array || parse.GetArrayLength() != 0
            || !mentions.TryGetProperty("replied_user", out var repliedUser) || repliedUser.ValueKind != JsonValueKind.False)
        {
            Interlocked.Increment(ref pinging);
        }

        if (IsAnswer(b) && (!b.TryGetProperty("components", out var rows) || rows.ValueKind != JsonValueKind.Array || rows.GetArrayLength() == 0))
            Interlocked.Increment(ref withoutButtons);

        if (Interlocked.CompareExchange(ref sample.RepliedAt, now, 0) != 0)
        {
            Interlocked.Increment(ref duplicates);
            return false;
        }

        Interlocked.Increment(ref replied);
        InterlockedMax(ref lastReplyAt, now);
        bot.Discord.State.DeleteMessage(questionId);
        return false;
    }

    /// <summary>Passages with their sources, as opposed to "no passage" or "nothing to search".</summary>
    private static bool IsAnswer(JsonElement body) =>
        body.TryGetProperty("embeds", out var embeds) && embeds.ValueKind == JsonValueKind.Array && embeds.GetArrayLength() > 0
        && embeds[0].TryGetProperty("description", out var description)
        && description.GetString()?.Contains(AnswerChecks.SourceMark, StringComparison.Ordinal) == true;

    private async Task<bool> WaitForRepliesAsync(int expected, TimeSpan timeout)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (Volatile.Read(ref replied) < expected)
        {
            if (Stopwatch.GetTimestamp() > deadline)
                return false;
            await Task.Delay(20).ConfigureAwait(false);
        }
        return true;
    }

    private void Reset()
    {
        samples.Clear();
        Volatile.Write(ref replied, 0);
        Volatile.Write(ref duplicates, 0);
        Volatile.Write(ref failed, 0);
        Volatile.Write(ref pinging, 0);
        Volatile.Write(ref stray, 0);
        Volatile.Write(ref withoutButtons, 0);
        Volatile.Write(ref lastReplyAt, 0);
    }

    private async Task SweepEverySecondAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await Task.Delay(1000, cancellationToken).ConfigureAwait(false);
                Sweep();
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Forgets what the fake holds of the run: the bot's replies and the recorded requests and payloads.</summary>
    private void Sweep()
    {
        foreach (var message in bot.Discord.State.BotMessages())
            bot.Discord.State.DeleteMessage(message.MessageId());
        bot.Discord.Rest.Requests.Clear();
        bot.Discord.Gateway.Sent.Clear();
        bot.Discord.Gateway.Received.Clear();
    }

    private static async Task SampleMemoryAsync(Peaks peaks, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                peaks.Observe(GC.GetTotalMemory(false), Environment.WorkingSet, ThreadPool.ThreadCount, ThreadPool.PendingWorkItemCount);
                await Task.Delay(100, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static (long Managed, long WorkingSet) SettledMemory()
    {
        for (var i = 0; i < 3; i++)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }
        return (GC.GetTotalMemory(true), Environment.WorkingSet);
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

    private static void InterlockedMax(ref long target, long value)
    {
        var current = Volatile.Read(ref target);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
                return;
            current = seen;
        }
    }

    private static ulong GuildId(int index) => 910000000000000000UL + (ulong)index;

    private sealed class Sample
    {
        public long SentAt;
        public long DispatchedAt;
        public long RepliedAt;
    }

    private sealed class Peaks(long managed, long workingSet)
    {
        public long Managed { get; private set; } = managed;
        public long WorkingSet { get; private set; } = workingSet;

        public int Threads { get; private set; }
        public long Queued { get; private set; }

        public void Observe(long managed, long workingSet, int threads, long queued)
        {
            Managed = Math.Max(Managed, managed);
            WorkingSet = Math.Max(WorkingSet, workingSet);
            Threads = Math.Max(Threads, threads);
            Queued = Math.Max(Queued, queued);
        }
    }
}
