namespace Bot.Tests.Faults;

/// <summary>
/// A fault at the length the issue names (a 30 s outage with real timings, a 50 MB transcript): about a minute each, so
/// run only when <see cref="Variable"/> is set, and reported as skipped otherwise rather than as passed.
/// </summary>
public sealed class LongFaultFactAttribute : FactAttribute
{
    public const string Variable = "BOT_FAULTS_LONG";

    public LongFaultFactAttribute()
    {
        if (Environment.GetEnvironmentVariable(Variable) is not ("1" or "true"))
            Skip = $"set {Variable}=1 to run it";
    }
}
