using Bot.Search.Corpus;
using Bot.Search.Tests.Support;
using Bot.TestData;

namespace Bot.Search.Tests;

/// <summary>Titles come from what a transcript declares, else its first line unless that cannot be a title; hosts are credited.</summary>
public class TitleTests
{
    private static ParsedTranscript Parse(string name, string text) => new TranscriptParser().Parse(name, text);

    [Fact]
    public void No_seed_is_titled_by_a_greeting_a_fragment_or_a_menu()
    {
        foreach (var (name, (_, parsed)) in ParsedSeeds.ByName)
        {
            Assert.False(TranscriptTitle.IsNotATitle(parsed.Title), $"{name} is titled 《{parsed.Title}》");
            Assert.InRange(parsed.Title.Length, 2, 60);
        }
    }

    [Fact]
    public void A_seed_whose_host_introduces_the_channel_credits_them_in_every_citation()
    {
        var (raw, parsed) = ParsedSeeds.ByName.Single(s => s.Value.Raw.Contains("这里是", StringComparison.Ordinal) && s.Value.Raw.IndexOf("这里是", StringComparison.Ordinal) < 20).Value;
        var head = raw[..raw.IndexOf('\n')];
        Assert.DoesNotContain(head, parsed.Title);
        Assert.All(parsed.Passages, p => Assert.Matches(@"^\S{2,12} · \S{1,8} · ", p.Locator));
    }

    [Fact]
    public void Wikipedia_articles_keep_their_first_line_as_title()
    {
        foreach (var set in new[] { "cmrc", "drcd" })
        {
            foreach (var file in Directory.GetFiles(Path.Combine(Repo.Root, "tests", "eval", "external", set, "corpus")))
            {
                var raw = TranscriptDecoder.Decode(File.ReadAllBytes(file)).Text!;
                var first = raw.Split('\n').First(l => l.Trim().Length > 0).Trim();
                var title = Parse(Path.GetFileName(file), raw).Title;
                Assert.True(title == first || BoilerplateStripper.IsJunkAnywhere(first), $"{file}: 《{title}》, first line {first}");
            }
        }
    }

    [Theory]
    [InlineData("a.md", "---\ntitle: \"深海潜水器的十年\"\nauthor: 王工\n---\n\n大家好，欢迎收看本期节目。\n\n今天聊聊潜水器。")]
    [InlineData("b.md", "大家好\n\n# 深海潜水器的十年\n\n今天聊聊潜水器。")]
    [InlineData("c.txt", "标题：深海潜水器的十年\n\n大家好，欢迎收看本期节目。今天聊聊潜水器。")]
    [InlineData("d.vtt", "WEBVTT\n\nNOTE 标题：深海潜水器的十年\n\n00:00:01.000 --> 00:00:05.000\n大家好，欢迎收看本期节目\n")]
    public void A_declared_title_wins(string name, string text)
    {
        var parsed = Parse(name, text);
        Assert.Equal("深海潜水器的十年", parsed.Title);
        Assert.DoesNotContain(parsed.Passages, p => p.Text.Contains("title:", StringComparison.Ordinal) || p.Text.Contains("标题：", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("大家好，这里是深海频道，我是老王")]
    [InlineData("欢迎收看本期节目")]
    [InlineData("2024-11-14")]
    [InlineData("评论(0)")]
    [InlineData("的离任，首席架构师和强化学习专家成为了团队里最关键的人物之一")]
    public void A_first_line_that_cannot_be_a_title_gives_way_to_the_first_sentence_naming_the_subject(string firstLine)
    {
        var text = firstLine + "\n\n"
            + "我们先说说背景，这件事情讲起来比较长。\n\n"
            + "深海潜水器的钛合金球舱要承受万米水压，钛合金焊接是最难的一步。\n\n"
            + "后来深海潜水器又换了新的钛合金配方，球舱更轻了。\n\n"
            + "这就是今天的全部内容，谢谢大家。";
        var parsed = Parse("x_53503b6986c01682.txt", text);
        Assert.StartsWith("深海潜水器的钛合金球舱", parsed.Title);
        Assert.InRange(parsed.Title.Length, 2, TranscriptTitle.MaxLength + 1);
    }

    [Fact]
    public void Without_anything_to_name_it_a_transcript_is_titled_by_its_file_name_without_the_hash()
    {
        var parsed = Parse("007_53503b6986c01682.txt", "大家好，欢迎收看本期节目\n\n好的。\n\n谢谢。");
        Assert.Equal("007", parsed.Title);
    }

    [Theory]
    [InlineData("大家好，这里是深海频道，我是老王。今天聊潜水器。", "深海频道 · 老王")]
    [InlineData("哈喽，这里是「火星日记」，我叫小李", "火星日记 · 小李")]
    [InlineData("今天我们聊聊潜水器", null)]
    public void Channel_and_host_are_credited_when_the_transcript_names_them(string head, string? credit)
    {
        Assert.Equal(credit, TranscriptTitle.Credit([head]));
    }

    [Fact]
    public void A_subtitle_interview_is_not_titled_by_its_greeting_cue()
    {
        var parsed = Parse("deep_sea.vtt", Interviews.DeepSeaVtt);
        Assert.DoesNotContain("欢迎收看", parsed.Title);
        Assert.DoesNotContain("主持人", parsed.Title);
        Assert.False(TranscriptTitle.IsNotATitle(parsed.Title));
    }
}
