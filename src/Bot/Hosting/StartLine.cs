using Bot.Discord;
using Bot.Metrics;
using Bot.Search;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Bot.Hosting;

/// <summary>
/// One line once the index is in line with the corpus folder, saying what this process serves: the config file, the
/// corpus and index folders, how many files and passages, the shard, and where the metrics are.
/// </summary>
internal sealed class StartLine(
    BotSettings settings,
    SearchIndexOptions index,
    LiveSearchIndex live,
    DiscordClientOptions discord,
    IServiceProvider services,
    ILogger<StartLine> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await live.Ready.WaitAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        var metrics = services.GetService(typeof(MetricsOptions)) is MetricsOptions m ? m.Address + "/metrics" : "off (set Metrics:Port)";
        var shard = discord.ShardId is { } id
            ? $"{id} of {(discord.ShardCount is { } count ? count.ToString() : "Discord's recommended count")}"
            : discord.ShardCount is { } total ? $"0 of {total}" : "0 of 1";
        logger.LogInformation(
            "Serving with config {ConfigFile}; corpus {Corpus}; index {IndexFolder}: {Files} files, {Passages} passages; shard {Shard}; metrics {Metrics}",
            settings.ConfigFile ?? $"(none: no appsettings.json in or above {settings.Root})", index.CorpusPath, index.IndexFolder,
            live.Documents.Count, live.PassageCount, shard, metrics);
    }
}
