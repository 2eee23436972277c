using System.Diagnostics.Metrics;

namespace Bot.Metrics;

/// <summary>Where a question came from, as <c>bot_questions_total{source=…}</c> names it.</summary>
internal static class QuestionSource
{
    public const string Channel = "channel";
    public const string Slash = "slash";
    public const string Menu = "menu";
}

/// <summary>
/// The bot's instruments (meter <see cref="MeterName"/>): questions by source and result, the time from a question's
/// arrival to Discord accepting the reply, votes, and the index's size and update time. Served at <c>/metrics</c> when
/// <c>Metrics:Port</c> is set; without a listener they cost next to nothing.
/// </summary>
internal sealed class BotMetrics
{
    public const string MeterName = "Bot";

    /// <summary>From 5 ms (a plain answer on an idle bot) to 10 s (a reply held up by Discord's limits).</summary>
    private static readonly double[] AnswerBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private static readonly double[] UpdateBuckets = [0.01, 0.05, 0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 120];

    private readonly Meter meter;
    private readonly Counter<long> questions;
    private readonly Histogram<double> answerDuration;
    private readonly Counter<long> votes;
    private readonly Histogram<double> indexUpdateDuration;

    public BotMetrics(IMeterFactory meterFactory)
    {
        meter = meterFactory.Create(MeterName);
        questions = meter.CreateCounter<long>("bot.questions", description: "Questions asked, by source (channel, slash, menu) and result (answered, unanswered, refused)");
        answerDuration = meter.CreateHistogram("bot.answer.duration", unit: "s",
            description: "From a question's arrival to Discord accepting the reply",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = AnswerBuckets });
        votes = meter.CreateCounter<long>("bot.votes", description: "Votes recorded on answers: up, down, withdrawn");
        indexUpdateDuration = meter.CreateHistogram("bot.index.update.duration", unit: "s",
            description: "Index updates that wrote changes",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = UpdateBuckets });
    }

    /// <param name="result">answered (passages shown), unanswered (none found) or refused (cooldown, nothing to search).</param>
    public void Question(string source, string result) =>
        questions.Add(1, new KeyValuePair<string, object?>("source", source), new KeyValuePair<string, object?>("result", result));

    public void Answered(string source, TimeSpan sinceArrival) =>
        answerDuration.Record(sinceArrival.TotalSeconds, new KeyValuePair<string, object?>("source", source));

    public static string ResultOf(int results) => results > 0 ? "answered" : "unanswered";

    public void Vote(string vote) => votes.Add(1, new KeyValuePair<string, object?>("vote", vote));

    public void IndexUpdated(TimeSpan elapsed) => indexUpdateDuration.Record(elapsed.TotalSeconds);

    /// <summary>The index's size, read when the metrics are collected.</summary>
    public void ObserveIndex(Func<int> files, Func<int> passages)
    {
        meter.CreateObservableGauge("bot.index.files", files, description: "Transcripts in the index");
        meter.CreateObservableGauge("bot.index.passages", passages, description: "Passages in the index");
    }
}
