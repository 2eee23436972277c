using Bot.Search;
using Microsoft.Extensions.Configuration;

namespace Bot;

/// <summary>
/// Configuration from appsettings.json in the working directory (the repository root) and environment
/// variables (Section__Key; DISCORD_TOKEN for the token). Paths are relative to the working directory.
/// </summary>
internal sealed class BotSettings
{
    public required IConfiguration Configuration { get; init; }

    public static BotSettings Load(string? directory = null)
    {
        var configuration = new ConfigurationBuilder()
            .SetBasePath(directory ?? Directory.GetCurrentDirectory())
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .Build();
        return new BotSettings { Configuration = configuration };
    }

    public SearchIndexOptions SearchIndex => new()
    {
        CorpusPath = Configuration["Corpus:Path"] is { Length: > 0 } corpus ? corpus : "seeds",
        IndexPath = Configuration["Index:Path"] is { Length: > 0 } index ? index : "data/bot.db",
        MaxFileMegabytes = int.TryParse(Configuration["Corpus:MaxFileMegabytes"], out var mb) && mb > 0 ? mb : 16,
    };

    /// <summary>Discord:Token, or the DISCORD_TOKEN environment variable.</summary>
    public string? DiscordToken =>
        Configuration["Discord:Token"] is { Length: > 0 } token ? token
        : Environment.GetEnvironmentVariable("DISCORD_TOKEN") is { Length: > 0 } env ? env
        : null;
}
