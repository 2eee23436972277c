using Bot.Tests.Infrastructure;

namespace Bot.Tests.Faults;

/// <summary>One bot per test class with <see cref="FaultChecks.ShortTimings"/>: faults and recoveries take a fraction of a second.</summary>
public sealed class ShortTimingsFixture : BotFixture
{
    protected override BotTestOptions CreateOptions() => new() { Configuration = FaultChecks.ShortTimings };
}
