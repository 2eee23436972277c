using Bot.Discord.Models;
using Microsoft.Extensions.Logging;

namespace Bot.Hosting;

/// <summary>Logs, once per session, one line naming the servers the bot serves, when all of READY's guilds have arrived.</summary>
internal sealed class GuildLog(ILogger<GuildLog> logger, TimeProvider time)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);

    private readonly Lock gate = new();
    private HashSet<ulong> expected = [];
    private Dictionary<ulong, string> names = [];
    private bool logged = true;
    private ITimer? timer;

    public void Ready(ReadyData ready)
    {
        lock (gate)
        {
            expected = ready.Guilds.Select(g => g.Id).ToHashSet();
            names = [];
            logged = false;
            timer?.Dispose();
            timer = time.CreateTimer(_ => Flush(), null, Patience, Timeout.InfiniteTimeSpan);
        }
        if (expected.Count == 0)
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
            count = Math.Max(names.Count, expected.Count);
            list = string.Join("、", names.Values.Order(StringComparer.Ordinal));
        }
        logger.LogInformation("Connected to Discord, serving {Count} server(s): {Guilds}", count, list.Length == 0 ? "(none yet)" : list);
    }
}
