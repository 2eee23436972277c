using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Bot.Discord.Rest;
using Bot.Discord.Tests.Infrastructure;
using FakeDiscord;

namespace Bot.Discord.Tests.Rest;

/// <summary>The client's meter counts what an operator watches: 429s and retries, by route template (never a path with a token).</summary>
public sealed class RestMetricsTests
{
    [Fact]
    public async Task A_429_and_a_503_are_counted_by_route_and_reason()
    {
        using var meters = new OwnMeters();
        using var metrics = new DiscordMetrics(meters);
        using var measurements = new Measurements(meters);
        await using var harness = await RestHarness.StartAsync();
        using var rest = new RestClient(harness.Options, metrics: metrics);
        harness.FakeRest.Enqueue("POST /channels/3/messages", FakeResponse.RateLimited(0.05));
        harness.FakeRest.Enqueue("GET /users/@me", FakeResponse.ServerError(503));

        await rest.CreateMessageAsync(3, new CreateMessageRequest { Content = "hello" });
        await rest.GetCurrentUserAsync();

        const string Messages = "POST /channels/{channel_id}/messages";
        Assert.Equal(1, measurements.Sum("discord.rest.rate_limits", ("route", Messages), ("scope", "bucket")));
        Assert.Equal(1, measurements.Sum("discord.rest.retries", ("route", Messages), ("reason", "rate_limited")));
        Assert.Equal(1, measurements.Sum("discord.rest.retries", ("route", "GET /users/@me"), ("reason", "server_error")));
        Assert.Equal(3, measurements.Count);
    }

    /// <summary>Meters scoped to this test, so that other tests' clients running beside it are not counted.</summary>
    private sealed class OwnMeters : IMeterFactory
    {
        private readonly List<Meter> created = [];

        public Meter Create(MeterOptions options)
        {
            var meter = new Meter(new MeterOptions(options.Name) { Scope = this });
            created.Add(meter);
            return meter;
        }

        public void Dispose() => created.ForEach(m => m.Dispose());
    }

    private sealed class Measurements : IDisposable
    {
        private readonly MeterListener listener = new();
        private readonly ConcurrentQueue<(string Name, long Value, KeyValuePair<string, object?>[] Tags)> seen = new();

        public Measurements(IMeterFactory scope)
        {
            listener.InstrumentPublished = (instrument, l) =>
            {
                if (ReferenceEquals(instrument.Meter.Scope, scope))
                    l.EnableMeasurementEvents(instrument);
            };
            listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => seen.Enqueue((instrument.Name, value, tags.ToArray())));
            listener.Start();
        }

        public int Count => seen.Count;

        public long Sum(string name, params (string Key, string Value)[] tags) =>
            seen.Where(m => m.Name == name && tags.All(t => m.Tags.Any(k => k.Key == t.Key && Equals(k.Value, t.Value)))).Sum(m => m.Value);

        public void Dispose() => listener.Dispose();
    }
}
