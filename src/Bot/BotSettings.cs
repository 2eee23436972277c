using Bot.Search;
using Microsoft.Extensions.Configuration;

namespace Bot;

/// <summary>
/// Configuration from appsettings.json and environment variables (Section__Key; DISCORD_TOKEN for the token). The root is
/// the nearest folder at or above the current one that holds appsettings.json (the repository root when run from
/// src/Bot), or the current folder when there is none; relative paths in the settings are relative to the root.
/// </summary>
internal sealed class BotSettings
{
    public const string FileName = "appsettings.json";

    public required IConfiguration Configuration { get; init; }

    /// <summary>The folder relative paths are resolved against.</summary>
    public string Root { get; init; } = Directory.GetCurrentDirectory();

    /// <summary>The appsettings.json read, or null when there was none.</summary>
    public string? ConfigFile { get; init; }

    public static BotSettings Load(string? directory = null)
    {
        var root = FindRoot(directory ?? Directory.GetCurrentDirectory());
        var file = Path.Combine(root, FileName);
        var configuration = new ConfigurationBuilder()
            .SetBasePath(root)
            .AddJsonFile(FileName, optional: true)
            .AddEnvironmentVariables()
            .Build();
        return new BotSettings { Configuration = configuration, Root = root, ConfigFile = File.Exists(file) ? file : null };
    }

    private static string FindRoot(string start)
    {
        for (var folder = new DirectoryInfo(Path.GetFullPath(start)); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, FileName)))
                return folder.FullName;
        }
        return Path.GetFullPath(start);
    }

    public SearchIndexOptions SearchIndex => new()
    {
        CorpusPath = FullPath(Configuration["Corpus:Path"] is { Length: > 0 } corpus ? corpus : "seeds"),
        IndexPath = FullPath(Configuration["Index:Path"] is { Length: > 0 } index ? index : "data/bot.db"),
        MaxFileMegabytes = int.TryParse(Configuration["Corpus:MaxFileMegabytes"], out var mb) && mb > 0 ? mb : 16,
    };

    /// <summary>A setting's path, relative to <see cref="Root"/> unless absolute.</summary>
    public string FullPath(string path) => Path.GetFullPath(path, Root);

    /// <summary>Discord:Token, or the DISCORD_TOKEN environment variable.</summary>
    public string? DiscordToken =>
        Configuration["Discord:Token"] is { Length: > 0 } token ? token
        : Environment.GetEnvironmentVariable("DISCORD_TOKEN") is { Length: > 0 } env ? env
        : null;
}
