using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Serialization;
using Bot.Answers;
using Bot.Gaps;
using Bot.Hosting;
using Bot.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace Bot.Cli;

/// <summary>
/// <c>report [--days N] [--json]</c>: for every server, what <c>/gaps</c> shows its moderators: the questions the
/// transcripts could not answer, grouped, and the answers members gave a 👎. For the operator who adds transcripts.
/// </summary>
internal static class ReportCommand
{
    public static Command Create(BotSettings settings)
    {
        var keptDays = BotOptions.QuestionLogDaysIn(settings.Configuration);
        var days = new Option<int>("--days") { HelpName = "N", Description = "看最近几天（1–365；默认是全部保留的记录，Bot:QuestionLogDays）", DefaultValueFactory = _ => keptDays };
        var json = new Option<bool>("--json") { Description = "输出一行 JSON" };
        var command = new Command("report", "各服务器里转录稿答不上来的问题，和被点 👎 的回答。") { days, json };
        command.SetAction(result =>
        {
            var window = result.GetValue(days);
            if (window is < 1 or > GapsCommand.MaxDays)
                throw new UsageException($"--days 须在 1 到 {GapsCommand.MaxDays} 之间");
            var path = settings.SearchIndex.IndexPath;
            if (!File.Exists(path))
                throw new UsageException($"找不到机器人的数据库 {Path.GetFullPath(path)}（请设置 Index:Path，或先运行机器人）");
            var report = Finder(path).ForAll(window);
            if (result.GetValue(json))
                Console.WriteLine(JsonSerializer.Serialize(ToJson(report, keptDays), CliJson.Readable.JsonReport));
            else
                Print(report, keptDays);
            return 0;
        });
        return command;
    }

    private static GapFinder Finder(string path)
    {
        var database = new BotDatabase(path);
        var time = TimeProvider.System;
        return new GapFinder(new QuestionLog(database, new QuickWriter(database, time), NullLogger<QuestionLog>.Instance), new VoteStore(database, time), time);
    }

    private static void Print(GapReport report, int keptDays)
    {
        Console.WriteLine($"最近 {report.Days} 天（{report.Since.ToLocalTime():yyyy-MM-dd HH:mm} 起）的问答缺口；提问记录保留 {keptDays} 天，不记录是谁问的。");
        if (report.Servers.Count == 0)
            Console.WriteLine("这段时间里没有人提问，也没有回答被点 👎。");
        foreach (var server in report.Servers)
        {
            Console.WriteLine();
            Console.WriteLine($"{(server.GuildId is { } guild ? $"服务器 {guild}" : "私信")}：{server.Asked} 个问题，{server.Unanswered} 个没有找到相关段落");
            Console.WriteLine("  转录稿答不上来的问题（意思相近的合在一起）：");
            foreach (var group in server.UnansweredGroups)
                Console.WriteLine($"    {group.Count,3} 次  {OneLine(group.Example)}");
            if (server.UnansweredGroups.Count == 0)
                Console.WriteLine("    没有");
            Console.WriteLine("  被点 👎 的回答：");
            foreach (var tally in server.Downvoted)
                Console.WriteLine($"    👎 {tally.Down}  👍 {tally.Up}  {OneLine(tally.Answer.Question)}{(Link(tally.Answer) is { } link ? "  " + link : "")}");
            if (server.Downvoted.Count == 0)
                Console.WriteLine("    没有");
        }
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");

    private static string? Link(StoredAnswer answer) =>
        answer.MessageId is { } message ? AnswerFormatter.MessageLink(answer.GuildId, answer.ChannelId, message) : null;

    private static JsonReport ToJson(GapReport report, int keptDays) => new(
        report.Days,
        keptDays,
        report.Since,
        report.Servers.Select(server => new JsonServerGaps(
            server.GuildId?.ToString(),
            server.Asked,
            server.Unanswered,
            server.UnansweredGroups.Select(g => new JsonQuestionGroup(g.Count, g.Example, g.LastAsked)).ToList(),
            server.Downvoted.Select(t => new JsonDownvotedAnswer(t.Answer.Id, t.Answer.Question, t.Down, t.Up, t.Answer.ChannelId.ToString(), Link(t.Answer))).ToList()))
            .ToList());
}

/// <param name="Servers">Each server with questions or 👎 in the window; <c>guild_id</c> null for direct messages.</param>
internal sealed record JsonReport(
    [property: JsonPropertyName("days")] int Days,
    [property: JsonPropertyName("kept_days")] int KeptDays,
    [property: JsonPropertyName("since")] DateTimeOffset Since,
    [property: JsonPropertyName("servers")] IReadOnlyList<JsonServerGaps> Servers);

/// <param name="GuildId">A string, like every Discord id (they do not fit a JSON number's precision).</param>
internal sealed record JsonServerGaps(
    [property: JsonPropertyName("guild_id")] string? GuildId,
    [property: JsonPropertyName("questions")] int Questions,
    [property: JsonPropertyName("unanswered")] int Unanswered,
    [property: JsonPropertyName("unanswered_questions")] IReadOnlyList<JsonQuestionGroup> UnansweredQuestions,
    [property: JsonPropertyName("downvoted_answers")] IReadOnlyList<JsonDownvotedAnswer> DownvotedAnswers);

internal sealed record JsonQuestionGroup(
    [property: JsonPropertyName("count")] int Count,
    [property: JsonPropertyName("example")] string Example,
    [property: JsonPropertyName("last_asked")] DateTimeOffset LastAsked);

internal sealed record JsonDownvotedAnswer(
    [property: JsonPropertyName("answer_id")] long AnswerId,
    [property: JsonPropertyName("question")] string Question,
    [property: JsonPropertyName("down")] int Down,
    [property: JsonPropertyName("up")] int Up,
    [property: JsonPropertyName("channel_id")] string ChannelId,
    [property: JsonPropertyName("link")] string? Link);
