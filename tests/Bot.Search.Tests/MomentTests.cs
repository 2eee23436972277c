using Bot.Search.Corpus;
using Bot.Search.Tests.Support;
using Bot.TestData;

namespace Bot.Search.Tests;

/// <summary>Subtitle interviews pair questions with answers; passages with a time cite it, and video links open there.</summary>
public class MomentTests
{
    private static ParsedTranscript Parse(string name, string text) => new TranscriptParser().Parse(name, text);

    [Theory]
    [InlineData("https://www.youtube.com/watch?v=dQw4w9WgXcQ", "https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=754s")]
    [InlineData("https://youtube.com/watch?v=dQw4w9WgXcQ&list=PL1#x", "https://youtube.com/watch?v=dQw4w9WgXcQ&list=PL1&t=754s#x")]
    [InlineData("https://m.youtube.com/watch?v=dQw4w9WgXcQ", "https://m.youtube.com/watch?v=dQw4w9WgXcQ&t=754s")]
    [InlineData("https://youtu.be/dQw4w9WgXcQ", "https://youtu.be/dQw4w9WgXcQ?t=754")]
    [InlineData("https://www.bilibili.com/video/BV1GJ411x7h7", "https://www.bilibili.com/video/BV1GJ411x7h7?t=754")]
    [InlineData("https://www.bilibili.com/video/BV1GJ411x7h7/?p=2", "https://www.bilibili.com/video/BV1GJ411x7h7/?p=2&t=754")]
    [InlineData("https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=30s", "https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=30s")]
    [InlineData("https://www.youtube.com/channel/UC123", "https://www.youtube.com/channel/UC123")]
    [InlineData("https://example.com/talk?id=3", "https://example.com/talk?id=3")]
    public void Video_links_open_at_the_moment_and_other_links_stay_as_they_are(string url, string expected)
    {
        Assert.Equal(expected, MomentLinks.At(url, TimeSpan.FromSeconds(754)));
    }

    [Theory]
    [InlineData("00:12:34–00:13:05", 754)]
    [InlineData("最佳拍档 · 大飞 · 00:12:34 · 第 3 段", 754)]
    [InlineData("12:34–13:05", 754)]
    [InlineData("第 3 段", null)]
    [InlineData("Patel 问，Ilya 答（第 104–105 轮）", null)]
    public void A_locator_s_first_time_is_the_passage_s_start(string locator, int? seconds)
    {
        Assert.Equal(seconds is { } s ? TimeSpan.FromSeconds(s) : null, MomentLinks.StartOf(locator));
    }

    [Fact]
    public void A_vtt_interview_pairs_each_question_with_the_answer_after_it_over_the_span_of_both()
    {
        var parsed = Parse("deep_sea.vtt", Interviews.DeepSeaVtt);

        Assert.Equal(Interviews.YouTube, parsed.Url);
        var passage = Assert.Single(parsed.Passages, p => p.Text.Contains("最难的是什么", StringComparison.Ordinal));
        Assert.StartsWith("主持人：潜水器下到万米海沟最难的是什么？\n王工：最难的是承受海水的巨大压力", passage.Text);
        Assert.Contains("钛合金", passage.Text);
        Assert.StartsWith("00:00:26–00:00:45", passage.Locator);
        Assert.Contains("主持人 问，王工 答", passage.Locator);
        Assert.Equal("主持人：潜水器下到万米海沟最难的是什么？".Length, passage.QuestionLength);
    }

    [Fact]
    public void Name_prefixes_in_srt_cues_are_speakers_and_a_first_cue_can_name_the_source()
    {
        var parsed = Parse("glacier.srt", Interviews.GlacierSrt);

        Assert.Equal("https://youtu.be/abcdefghijk", parsed.Url);
        Assert.DoesNotContain(parsed.Passages, p => p.Text.Contains("来源", StringComparison.Ordinal));
        var passage = Assert.Single(parsed.Passages, p => p.Text.Contains("气泡能告诉我们什么", StringComparison.Ordinal));
        Assert.Equal("记者：冰芯里的气泡能告诉我们什么？\n赵博士：气泡是几万年前封进去的空气，能直接量出当时大气里的二氧化碳浓度。 它们就像一本按年份装订的气候日记。", passage.Text);
        Assert.StartsWith("00:00:15–00:00:33", passage.Locator);
    }

    [Fact]
    public void Time_marks_in_a_text_transcript_are_taken_off_the_text_and_cite_the_start()
    {
        var parsed = Parse("mars.txt", Interviews.MarsRoverText);

        Assert.DoesNotContain(parsed.Passages, p => p.Text.Contains("[00:", StringComparison.Ordinal));
        var passage = Assert.Single(parsed.Passages, p => p.Text.Contains("一天能开多远", StringComparison.Ordinal));
        Assert.StartsWith("00:13:20 · 主持人 问，李博士 答", passage.Locator);
        Assert.Equal(TimeSpan.FromSeconds(13 * 60 + 20), MomentLinks.StartOf(passage.Locator));
        Assert.Equal(Interviews.Bilibili + "?t=800", MomentLinks.At(parsed.Url, MomentLinks.StartOf(passage.Locator)));
    }

    [Fact]
    public void A_clock_time_in_one_line_is_not_a_time_mark()
    {
        var parsed = Parse("meeting.txt", "会议纪要\n\n9:30 大家到齐以后开始讨论潜水器的预算，一直讨论到中午，最后决定下个月再议。");
        Assert.Contains(parsed.Passages, p => p.Text.StartsWith("9:30", StringComparison.Ordinal));
    }
}
