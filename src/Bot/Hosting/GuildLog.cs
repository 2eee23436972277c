using Bot.Discord.Models;
using Microsoft.Extensions.Logging;

namespace Bot.Hosting;

/// <summary>
/// Logs, once per session, one line naming the servers the bot serves, when all of READY's guilds have arrived.
/// Events are handled concurrently, so a GUILD_CREATE may be handled before its READY: names are kept either way.
/// </summary>
internal sealed class GuildLog(ILogger<GuildLog> logger, TimeProvider time) : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);

    private readonly Lock gate = new();
    private HashSet<ulong> expected = [];
    private readonly Dictionary<ulong, string> names = [];
    private bool logged = true;
    private ITimer? timer;

    public void Ready(ReadyData ready)
    {
        bool complete;
        lock (gate)
        {
            expected = ready.Guilds.Select(g => g.Id).ToHashSet();
            logged = false;
            timer?.Dispose();
            timer = null;
            complete = expected.All(names.ContainsKey);
            if (!complete)
                timer = time.CreateTimer(_ => Flush(), null, Patience, Timeout.InfiniteTimeSpan);
        }
        if (complete)
            Flush();
    }

    public void GuildCreated(Guild guild)
    {
        bool complete;
        lock (gate)
        {
            names[guild.Id] = guild.Name ?? guild.Id.ToString();
            complete = !logged && expected.All(names.ContainsKey);
        }
        if (complete)
            Flush();
    }

    private void Flush()
    {
        string list;
        int count;
        lock (gate)
        {
            if (logged)
                return;
            logged = true;
            timer?.Dispose();
            count = expected.Count;
            list = string.Join("、", expected.Where(names.ContainsKey).Select(id => names[id]).Order(StringComparer.Ordinal));
        }
        logger.LogInformation("Connected to Discord, serving {Count} server(s): {Guilds}", count, list.Length == 0 ? "(none yet)" : list);
    }

    /// <summary>The host is stopping: a pending line would only describe a session that is gone.</summary>
    public void Dispose()
    {
        lock (gate)
        {
            logged = true;
            timer?.Dispose();
            timer = null;
        }
    }
}
