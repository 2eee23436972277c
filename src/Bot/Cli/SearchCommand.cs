using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Bot.Search;
using Bot.Search.Quoting;
using Bot.Search.Ranking;

namespace Bot.Cli;

/// <summary>
/// <c>search --json --top N ["question"]</c>: with no question, one question per line from standard input,
/// one JSON object per line on standard output, in input order.
/// </summary>
internal static class SearchCommand
{
    public static Command Create(BotSettings settings)
    {
        var question = new Argument<string?>("question") { HelpName = "问题", Description = "要检索的问题；省略时从标准输入逐行读取", Arity = ArgumentArity.ZeroOrOne };
        var json = new Option<bool>("--json") { Description = "每个问题输出一行 JSON" };
        var top = new Option<int>("--top") { HelpName = "N", Description = "每个问题最多返回几段（1–50）", DefaultValueFactory = _ => 5 };
        var source = new Option<string?>("--source") { HelpName = "文件名", Description = "只在这个文件里找（文件名）" };
        var command = new Command("search", "检索段落（可批量，可输出 JSON）。") { question, json, top, source };
        command.SetAction(result =>
        {
            var limit = result.GetValue(top);
            if (limit is < 1 or > 50)
                throw new UsageException("--top 须在 1 到 50 之间");
            using var index = IndexSession.Open(settings.SearchIndex);
            SourceName.Check(index, result.GetValue(source));
            var options = new SearchOptions { Limit = limit, Source = result.GetValue(source) };
            var questions = result.GetValue(question) is { } single ? [single] : ReadLines(Console.In);
            foreach (var q in questions)
            {
                var response = index.Search(q, options);
                if (result.GetValue(json))
                    Console.WriteLine(JsonSerializer.Serialize(ToJson(response), CliJson.Readable.JsonSearchResult));
                else
                    PrintCompact(response);
            }
            return 0;
        });
        return command;
    }

    private static IEnumerable<string> ReadLines(TextReader reader)
    {
        while (reader.ReadLine() is { } line)
            yield return line;
    }

    private static JsonSearchResult ToJson(SearchResponse response) => new(
        response.Question,
        response.Hits.Select(h => new JsonSearchHit(h.Rank, h.Score, h.Passage.Source, h.Passage.Title, h.Passage.Locator, h.Passage.Text,
            PassageQuoter.Quote(h.Passage.Text, h.Highlights).Text, h.Passage.Link)).ToList());

    private static void PrintCompact(SearchResponse response)
    {
        Console.WriteLine($"# {response.Question}");
        if (response.Hits.Count == 0)
            Console.WriteLine("  （没有相关段落）");
        foreach (var hit in response.Hits)
        {
            var text = hit.Passage.Text.ReplaceLineEndings(" ");
            Console.WriteLine($"  {hit.Rank}. [{hit.Score:F2}] {hit.Passage.Source} · {hit.Passage.Locator}：{(text.Length > 80 ? text[..80] + "…" : text)}");
        }
    }
}

internal sealed record JsonSearchResult(
    [property: JsonPropertyName("question")] string Question,
    [property: JsonPropertyName("results")] IReadOnlyList<JsonSearchHit> Results);

internal sealed record JsonSearchHit(
    [property: JsonPropertyName("rank")] int Rank,
    [property: JsonPropertyName("score")] double Score,
    [property: JsonPropertyName("source")] string Source,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("locator")] string Locator,
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("quote")] string Quote,
    [property: JsonPropertyName("url")] string? Url);

/// <summary>What the command line prints as JSON: <c>search --json</c> and <c>report --json</c>.</summary>
[JsonSerializable(typeof(JsonSearchResult))]
[JsonSerializable(typeof(JsonReport))]
internal sealed partial class CliJson : JsonSerializerContext
{
    /// <summary>Chinese text stays readable in the output instead of \uXXXX escapes.</summary>
    public static CliJson Readable { get; } = new(new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
}
