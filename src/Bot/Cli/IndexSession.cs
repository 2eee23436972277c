using Bot.Search;
using Bot.Search.Index;
using Microsoft.Extensions.Logging;

namespace Bot.Cli;

/// <summary>Opens the index for a command-line run and brings it in line with the corpus folder first.</summary>
internal static class IndexSession
{
    public static SearchIndex Open(SearchIndexOptions options, bool rebuild = false) => Open(options, rebuild, out _);

    public static SearchIndex Open(SearchIndexOptions options, bool rebuild, out IndexReport report)
    {
        if (!Directory.Exists(options.CorpusPath))
            throw new UsageException($"转录稿文件夹「{Path.GetFullPath(options.CorpusPath)}」不存在（请设置 Corpus:Path）");
        // Warnings (skipped files) go to standard error, so standard output stays clean for JSON.
        using var loggers = LoggerFactory.Create(b => b
            .AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace)
            .AddSimpleConsole(Hosting.LogFormat.Apply)
            .AddFilter(level => level >= LogLevel.Warning));
        var index = SearchIndex.Open(options, loggers.CreateLogger("Bot.Index"));
        try
        {
            report = index.Update(rebuild);
            return index;
        }
        catch
        {
            index.Dispose();
            throw;
        }
    }
}
