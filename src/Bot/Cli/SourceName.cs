using Bot.Search;

namespace Bot.Cli;

/// <summary>The <c>--source</c> of ask and search: a transcript's file name, as the index knows it.</summary>
internal static class SourceName
{
    private const int Suggestions = 3;

    /// <exception cref="UsageException">No transcript has that name: the message lists the closest names.</exception>
    public static void Check(SearchIndex index, string? source)
    {
        if (source is null)
            return;
        var documents = index.Documents;
        if (documents.Any(d => d.Source.Equals(source, StringComparison.OrdinalIgnoreCase)))
            return;
        var wanted = source.ToLowerInvariant();
        var closest = documents
            .OrderBy(d => Quickenshtein.Levenshtein.GetDistance(wanted, d.Source.ToLowerInvariant()))
            .ThenBy(d => d.Source, StringComparer.Ordinal)
            .Take(Suggestions)
            .Select(d => $"{d.Source}（{(d.Title.Length > 20 ? d.Title[..20] + "…" : d.Title)}）")
            .ToList();
        throw new UsageException(closest.Count == 0
            ? $"没有名为「{source}」的转录稿：索引里还没有任何转录稿"
            : $"没有名为「{source}」的转录稿；最接近的是 {string.Join("、", closest)}（--source 要写完整的文件名）");
    }
}
