using System.Diagnostics.Metrics;

namespace Bot.Metrics;

/// <summary>
/// The host's meter factory: its meters carry it as their scope, so that the metrics endpoint can show this bot's
/// measurements only, even where other bots run in the same process (the tests). OpenTelemetry listens by meter name.
/// </summary>
internal sealed class HostMeterFactory : IMeterFactory
{
    private readonly List<Meter> meters = [];

    public Meter Create(MeterOptions options)
    {
        var meter = new Meter(new MeterOptions(options.Name) { Version = options.Version, Tags = options.Tags, Scope = this });
        lock (meters)
            meters.Add(meter);
        return meter;
    }

    /// <summary>Whether an instrument belongs to this host (or to no host at all, like the runtime's).</summary>
    public bool Owns(Instrument instrument) => instrument.Meter.Scope is null || ReferenceEquals(instrument.Meter.Scope, this);

    public void Dispose()
    {
        lock (meters)
        {
            foreach (var meter in meters)
                meter.Dispose();
            meters.Clear();
        }
    }
}
