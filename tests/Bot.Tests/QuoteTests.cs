using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Bot.Answers;
using Bot.Search.Quoting;
using Bot.Tests.Infrastructure;
using Bot.TestData;

namespace Bot.Tests;

public sealed class QuoteFixture : BotFixture
{
    public const string DeepSeaFile = "zz_deep_sea.vtt";
    public const string MarsFile = "zz_mars_rover.txt";

    protected override BotTestOptions CreateOptions() => new()
    {
        ExtraCorpusFiles = new Dictionary<string, string> { [DeepSeaFile] = Interviews.DeepSeaVtt, [MarsFile] = Interviews.MarsRoverText },
    };
}

/// <summary>
/// Answers a member takes in at a glance, through the fake Discord: passages quoted around the sentences that answer,
/// whole passages behind 全文, titles that are titles, subtitle interviews answered with their question, links that
/// open the video at the moment.
/// </summary>
public sealed partial class QuoteTests(QuoteFixture fixture) : IClassFixture<QuoteFixture>
{
    private const string TpuQuestion = "Ilya 觉得 TPU 和 GPU 到底有什么区别";

    private BotUnderTest Bot => fixture.Bot;

    [Fact]
    public async Task The_TPU_question_is_answered_in_short_quotes_with_the_answering_sentence_first()
    {
        var reply = await Bot.AskAsync(Bot.Mention(BotUnderTest.NewId(), TpuQuestion));

        var description = reply.Embed.Description;
        AnswerChecks.AssertAnswer(Bot, TpuQuestion, reply.Embed);
        Assert.InRange(description.Length, 1, 1600);
        var quotes = AnswerChecks.Quotes(description);
        Assert.NotEmpty(quotes);
        Assert.All(quotes, q => Assert.InRange(AnswerChecks.ReaderLength(q), 1, 360));
        Assert.Contains("事实证明,TPU 和 GPU 几乎是一回事", Plain(quotes[0]).Replace('，', ','));
        Assert.DoesNotContain("觉得", AnswerChecks.BoldTerms(description));
        Assert.Contains("TPU", AnswerChecks.BoldTerms(description));
    }

    [Fact]
    public async Task The_full_text_button_shows_the_whole_passages_to_the_member_alone()
    {
        var channel = BotUnderTest.NewId();
        var reply = await Bot.AskAsync(Bot.Mention(channel, TpuQuestion));
        var quote = Plain(AnswerChecks.Quotes(reply.Embed.Description)[0]);

        var full = await Bot.ClickAsync(reply.MessageId, QuoteLabels.Full);

        Assert.Equal(4, full.CallbackType);
        Assert.True(full.IsEphemeral);
        var embeds = full.Data.Embeds();
        Assert.NotEmpty(embeds);
        Assert.True(embeds.Sum(e => e.TotalLength) <= 6000);
        Assert.All(embeds, e => Assert.InRange(e.Description.Length, 1, 4096));
        var whole = Plain(embeds[0].Description);
        Assert.True(whole.Length > quote.Length, "the whole passage is longer than its quote");
        foreach (var piece in quote.Split('…', '\n').Select(p => p.Trim()).Where(p => p.Length > 0))
            Assert.Contains(piece, whole);
        Assert.DoesNotContain('…', whole[..whole.IndexOf("—— 出处", StringComparison.Ordinal)]);
        // Nothing new in the channel for the others: the whole passages are ephemeral.
        Assert.Single(Bot.Discord.State.MessagesIn(channel), m => m["author"]?["id"].Id() == Bot.BotUserId && ((m["flags"].Int() ?? 0) & 64) == 0);
    }

    [Fact]
    public async Task No_citation_of_a_transcript_is_its_greeting_line_and_the_host_is_credited()
    {
        const string question = "超级对齐团队要在几年内解决对齐问题";
        var reply = await Bot.AskAsync(Bot.Mention(BotUnderTest.NewId(), question));

        var sources = AnswerChecks.SourceLines(reply.Embed.Description);
        Assert.NotEmpty(sources);
        Assert.All(sources, line => Assert.DoesNotContain("大家好", line));
        var greeted = sources.Where(l => l.Contains("`001_", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(greeted);
        Assert.All(greeted, line => Assert.Contains("》 · 最佳拍档 · 大飞 · ", line));
    }

    [Fact]
    public async Task A_vtt_interview_answers_with_the_answer_turn_and_its_question_and_links_into_its_span()
    {
        const string question = "潜水器下到万米海沟最难的是什么";
        var reply = await Bot.AskAsync(Bot.Mention(BotUnderTest.NewId(), question));

        var description = reply.Embed.Description;
        var first = Plain(AnswerChecks.Quotes(description)[0]);
        Assert.StartsWith("主持人：潜水器下到万米海沟最难的是什么？\n王工：最难的是承受海水的巨大压力", first);
        var source = AnswerChecks.SourceLines(description)[0];
        Assert.Contains($"`{QuoteFixture.DeepSeaFile}`", source);
        Assert.DoesNotContain("欢迎收看", source);
        var span = LocatorSpan().Match(source);
        Assert.True(span.Success, source);
        var (start, end) = (Seconds(span.Groups[1].Value), Seconds(span.Groups[2].Value));
        var link = Link().Match(source);
        Assert.True(link.Success, source);
        Assert.StartsWith(Interviews.YouTube + "&t=", link.Groups[1].Value);
        var t = int.Parse(TimeParameter().Match(link.Groups[1].Value).Groups[1].Value);
        Assert.InRange(t, start, end);
        Assert.Contains("最难的是承受海水的巨大压力", Plain(description[..description.IndexOf(source, StringComparison.Ordinal)]));
    }

    [Fact]
    public async Task A_timed_text_transcript_from_bilibili_links_to_the_moment()
    {
        var ask = await Bot.InteractAsync(BotUnderTest.Slash("ask", BotUnderTest.NewId(), options: [("question", 3, "火星车白天一天能开多远")]));

        var description = (await ask.FinalMessageAsync()).SingleEmbed().Description;
        var source = AnswerChecks.SourceLines(description)[0];
        Assert.Contains($"`{QuoteFixture.MarsFile}`", source);
        Assert.Contains("00:13:20 · 主持人 问，李博士 答", source);
        Assert.Contains($"]({Interviews.Bilibili}?t=800)", source);
    }

    [Fact]
    public async Task A_later_passage_whose_only_matches_are_common_words_is_not_shown()
    {
        // 觉得 and 知道 are common everywhere; 钛合金 is what the question is about, and only one passage holds it.
        const string question = "王工觉得钛合金怎么样，大家都知道吗";
        var reply = await Bot.AskAsync(Bot.Mention(BotUnderTest.NewId(), question));

        var hits = Bot.Index.Search(question, new Bot.Search.Ranking.SearchOptions { Limit = AnswerFormatter.PageSize }).Hits;
        var shown = AnswerChecks.SourceLines(reply.Embed.Description);
        Assert.Equal(hits.Skip(1).Count(h => PassageQuoter.Quote(h.Passage.Text, h.Highlights).AddsAnswer) + 1, shown.Count);
        Assert.All(AnswerChecks.Quotes(reply.Embed.Description).Skip(1), q => Assert.NotEmpty(AnswerChecks.BoldTerms(q)));
    }

    /// <summary>A quote as a member reads it: no bold markers, no escaping backslashes.</summary>
    private static string Plain(string markdown) => Unescape().Replace(markdown.Replace("**", ""), "$1");

    private static int Seconds(string time) => (int)TimeSpan.Parse(time).TotalSeconds;

    [GeneratedRegex(@"(\d\d:\d\d:\d\d)–(\d\d:\d\d:\d\d)")]
    private static partial Regex LocatorSpan();

    [GeneratedRegex(@"\]\((https?://[^)]+)\)")]
    private static partial Regex Link();

    [GeneratedRegex(@"[?&]t=(\d+)")]
    private static partial Regex TimeParameter();

    [GeneratedRegex(@"\\(.)")]
    private static partial Regex Unescape();
}

/// <summary>The command line quotes as the bot does: <c>ask</c>, <c>ask --full</c>, and <c>search --json</c>'s quote and url.</summary>
public sealed class QuoteCliTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "bot-tests", "quote-cli-" + Guid.NewGuid().ToString("N"));

    public QuoteCliTests()
    {
        Directory.CreateDirectory(Path.Combine(folder, "corpus"));
        File.WriteAllText(Path.Combine(folder, "corpus", "deep_sea.vtt"), Interviews.DeepSeaVtt);
        File.WriteAllText(Path.Combine(folder, "corpus", "mars.txt"), Interviews.MarsRoverText);
        File.WriteAllText(Path.Combine(folder, "corpus", "lighthouse.txt"), "灯塔看守人的一天\n\n"
            + string.Concat(Enumerable.Repeat("清晨他先擦亮每一块玻璃，再记下风向和浪高。", 12))
            + "灯塔的透镜每晚要转四千圈才能让光照到二十海里外。"
            + string.Concat(Enumerable.Repeat("傍晚他把煤油灯芯剪齐，等着天黑。", 12)));
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public async Task Search_json_keeps_the_whole_text_and_adds_the_quote_and_the_link_at_the_moment()
    {
        var run = await RunAsync("search", "--json", "--top", "3", "潜水器下到万米海沟最难的是什么");

        Assert.Equal(0, run.ExitCode);
        var first = JsonNode.Parse(run.Stdout.Trim().Split('\n')[0])!["results"]![0]!;
        var text = first["text"]!.GetValue<string>();
        var quote = first["quote"]!.GetValue<string>();
        Assert.Contains("最难的是承受海水的巨大压力", text);
        Assert.Contains("最难的是承受海水的巨大压力", quote);
        Assert.InRange(PassageQuote.ReaderLength(quote), 1, PassageQuoter.MaxLength);
        Assert.Equal(Interviews.YouTube + "&t=26s", first["url"]!.GetValue<string>());
    }

    [Fact]
    public async Task Ask_quotes_and_ask_full_prints_the_whole_passage()
    {
        const string question = "灯塔的透镜每晚要转多少圈";
        var quoted = await RunAsync("ask", "--top", "1", question);
        var full = await RunAsync("ask", "--top", "1", "--full", question);

        Assert.Equal(0, quoted.ExitCode);
        Assert.Equal(0, full.ExitCode);
        var quote = quoted.Stdout.Split('\n')[1].Replace("【", "").Replace("】", "");
        Assert.Contains("转四千圈", quote);
        Assert.Contains('…', quote);
        Assert.InRange(PassageQuote.ReaderLength(quote), 1, PassageQuoter.MaxLength);
        var whole = full.Stdout.Split('\n')[1];
        Assert.DoesNotContain('…', whole);
        Assert.Equal(24 + 1, whole.Split('。').Length - 1);

        var timed = await RunAsync("ask", "--top", "1", "火星车为什么要在夜里关掉大部分仪器");
        Assert.Contains($"{Interviews.Bilibili}?t=754", timed.Stdout);
        Assert.Contains("00:12:34 · 主持人 问，李博士 答", timed.Stdout);
    }

    private async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(params string[] arguments)
    {
        using var process = BotProcess.Start(folder, arguments, new Dictionary<string, string>
        {
            ["Corpus__Path"] = Path.Combine(folder, "corpus"),
            ["Index__Path"] = Path.Combine(folder, "data", "bot.db"),
            ["NO_COLOR"] = "1",
        });
        var exitCode = await process.WaitForExitAsync(TimeSpan.FromSeconds(90));
        return (exitCode, process.Stdout, process.Stderr);
    }
}
