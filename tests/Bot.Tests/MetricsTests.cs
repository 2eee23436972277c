using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Bot.Tests.Faults;
using Bot.Tests.Infrastructure;

namespace Bot.Tests;

/// <summary>
/// <c>Metrics:Port</c>: the real bot against the fake Discord serves <c>/metrics</c> (Prometheus text) and <c>/healthz</c>
/// on 127.0.0.1, as a Prometheus server or a load balancer would read them.
/// </summary>
public sealed class MetricsTests
{
    private const string Question = "Schulman 发明了哪些强化学习算法";

    [Fact]
    public async Task After_questions_from_a_channel_a_slash_command_and_the_menu_metrics_count_them_and_health_is_200()
    {
        var port = FreePort();
        var channel = BotUnderTest.NewId();
        await using var bot = await BotUnderTest.StartAsync(new BotTestOptions
        {
            Configuration = new Dictionary<string, string?> { ["Metrics:Port"] = port.ToString(CultureInfo.InvariantCulture) },
        });
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };

        var reply = await bot.AskAsync(BotUnderTest.UserMessage(channel, $"{BotUnderTest.Prefix} {Question}"));
        await bot.InteractAsync(BotUnderTest.Slash("ask", channel, options: [("question", 3, "什么是数据墙")]));
        var target = await bot.SendAsync(BotUnderTest.UserMessage(channel, "预训练到底在学什么"));
        await bot.InteractAsync(BotUnderTest.MessageMenu("用机器人回答", target));
        var member = BotUnderTest.User(BotUnderTest.NewId(), "voter");
        await bot.VoteAsync(reply.MessageId, VoteChecks.Down, member, BotUnderTest.DefaultGuildId);

        // A reply is counted once Discord has accepted it, a moment after the fake saw the request: wait for the counts.
        Prometheus? metrics = null;
        Assert.True(await BotUnderTest.EventuallyAsync(() =>
        {
            metrics = Prometheus.Parse(http.GetStringAsync("/metrics").GetAwaiter().GetResult());
            return metrics.Sum("bot_questions_total") >= 3 && metrics.Sum("bot_votes_total") >= 1;
        }), $"the metrics never counted the three questions and the vote:\n{metrics}");

        Assert.Equal(1, metrics!.Sum("bot_questions_total", ("source", "channel"), ("result", "answered")));
        Assert.Equal(1, metrics.Sum("bot_questions_total", ("source", "slash")));
        Assert.Equal(1, metrics.Sum("bot_questions_total", ("source", "menu")));
        Assert.Equal(1, metrics.Sum("bot_votes_total", ("vote", "down")));
        Assert.Equal(3, metrics.Sum("bot_answer_duration_seconds_count"));
        Assert.Equal(3, metrics.Sum("bot_answer_duration_seconds_bucket", ("le", "+Inf")));
        Assert.Equal(bot.Index.PassageCount, metrics.Sum("bot_index_passages"));
        Assert.Equal(bot.Index.Documents.Count, metrics.Sum("bot_index_files"));
        Assert.True(metrics.Sum("discord_gateway_sessions_total") >= 1, "no gateway session counted");
        Assert.True(metrics.Names.Any(n => n.StartsWith("dotnet_gc_", StringComparison.Ordinal)), "no .NET runtime metrics (GC)");

        using var health = await http.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task Health_is_503_naming_the_gateway_while_Discord_is_unreachable_and_200_again_after()
    {
        var port = FreePort();
        await using var bot = await BotUnderTest.StartAsync(new BotTestOptions
        {
            Configuration = new Dictionary<string, string?>(FaultChecks.ShortTimings) { ["Metrics:Port"] = port.ToString(CultureInfo.InvariantCulture) },
        });
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/healthz")).StatusCode);

        bot.Discord.SetUnreachable(true);
        bot.Discord.Gateway.CurrentConnection?.Drop();
        var body = "";
        Assert.True(await BotUnderTest.EventuallyAsync(() =>
        {
            using var response = http.GetAsync("/healthz").GetAwaiter().GetResult();
            body = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
            return response.StatusCode == HttpStatusCode.ServiceUnavailable;
        }), "health stayed 200 with the gateway down");
        Assert.Single(body.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("网关", body);
        Assert.DoesNotContain("索引", body);

        bot.Discord.SetUnreachable(false);
        Assert.True(await BotUnderTest.EventuallyAsync(() => http.GetAsync("/healthz").GetAwaiter().GetResult().StatusCode == HttpStatusCode.OK),
            "health did not come back after Discord did");
        var metrics = Prometheus.Parse(await http.GetStringAsync("/metrics"));
        Assert.True(metrics.Sum("discord_gateway_reconnects_total") >= 1, "the reconnect was not counted");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Prometheus text format, as far as these tests read it: name{label="value",…} number.</summary>
    private sealed class Prometheus(IReadOnlyList<(string Name, Dictionary<string, string> Labels, double Value)> samples, string text)
    {
        public IEnumerable<string> Names => samples.Select(s => s.Name).Distinct();

        public static Prometheus Parse(string text)
        {
            var samples = new List<(string, Dictionary<string, string>, double)>();
            foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (line.StartsWith('#'))
                    continue;
                var brace = line.IndexOf('{');
                var space = line.LastIndexOf(' ');
                var name = brace >= 0 ? line[..brace] : line[..line.IndexOf(' ')];
                var labels = new Dictionary<string, string>();
                if (brace >= 0)
                {
                    foreach (var pair in line[(brace + 1)..line.LastIndexOf('}')].Split("\",", StringSplitOptions.RemoveEmptyEntries))
                    {
                        var equals = pair.IndexOf('=');
                        labels[pair[..equals]] = pair[(equals + 1)..].Trim('"');
                    }
                }
                samples.Add((name, labels, double.Parse(line[(space + 1)..], CultureInfo.InvariantCulture)));
            }
            return new Prometheus(samples, text);
        }

        public double Sum(string name, params (string Label, string Value)[] labels) =>
            samples.Where(s => s.Name == name && labels.All(l => s.Labels.TryGetValue(l.Label, out var v) && v == l.Value)).Sum(s => s.Value);

        public override string ToString() => text;
    }
}
