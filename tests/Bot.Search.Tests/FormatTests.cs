using System.Text;
using System.Text.RegularExpressions;
using Bot.Search.Corpus;
using Bot.Search.Ranking;
using Bot.Search.Tests.Support;

namespace Bot.Search.Tests;

/// <summary>
/// Plain text, Markdown, SRT and WebVTT transcripts: what a reader sees is indexed, markup is not, and every
/// passage says where it is (a subtitle's passage by its timestamps).
/// </summary>
public partial class FormatTests
{
    internal const string Markdown = """
        # 强化学习的**关键**时刻

        > 本文整理自一次公开讲座，讲者回顾了奖励模型的来历。

        ## 第一部分：奖励模型

        研究者介绍了[奖励模型](https://example.com/reward)的作用：它把人类的偏好变成一个**可以优化的分数**，让策略模型朝着人们喜欢的方向改进。这个方法后来被称为 *人类反馈强化学习*，也就是 `RLHF`。

        ## 第二部分：局限

        ![示意图](https://example.com/figure.png)

        奖励模型也会被钻空子：策略可能学会迎合评分者的偏好，而不是真正给出正确的答案。因此需要不断更新比较数据，并且__监控模型的行为__。
        """;

    internal const string Vtt = """
        WEBVTT
        Kind: captions
        Language: zh-CN

        NOTE 这是一条注释，不应出现在结果里

        00:02:03.000 --> 00:02:06.000
        <v 张教授>量子退火是一种优化方法

        00:02:06.000 --> 00:02:10.500
        <v 张教授>它利用<c.highlight>隧穿效应</c>寻找能量最低的状态

        00:02:10.500 --> 00:02:14.000
        <v 张教授>这和模拟退火依靠热涨落的做法不一样
        """;

    /// <summary>Cue i is shown from (62 + 7i) s for 7 s; each has a styling tag and its number above it.</summary>
    internal static (string Text, List<(TimeSpan Start, TimeSpan End, string Text)> Cues) Srt(int count)
    {
        string[] lines =
        [
            "大家好，欢迎收听本期节目", "今天我们聊聊蒸馏模型的训练方法", "首先需要一个强大的教师模型", "教师模型给出每个词的概率分布",
            "学生模型学习模仿这个分布", "温度参数决定了分布有多平滑", "温度越高，次优答案的信息越多", "这样小模型也能学到大模型的知识",
            "接下来我们看一个具体的例子", "假设要压缩一个翻译模型", "我们先用大模型翻译一百万个句子", "再让小模型学习这些译文",
        ];
        var cues = new List<(TimeSpan, TimeSpan, string)>();
        var srt = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            var start = TimeSpan.FromSeconds(62 + 7 * i);
            var end = start + TimeSpan.FromSeconds(7);
            var text = lines[i % lines.Length];
            cues.Add((start, end, text));
            srt.Append(i + 1).Append("\r\n")
                .Append($"{start:hh\\:mm\\:ss},000 --> {end:hh\\:mm\\:ss},500\r\n")
                .Append(i % 3 == 0 ? $"<i>{text}</i>" : i % 3 == 1 ? $"{{\\an8}}{text}" : $"<font color=\"#ffffff\">{text}</font>")
                .Append("\r\n\r\n");
        }
        return (srt.ToString(), cues);
    }

    private static ParsedTranscript Parse(string name, string text, PassageOptions? options = null) => new TranscriptParser(options).Parse(name, text);

    [Fact]
    public void Markdown_heading_becomes_the_title_and_links_and_emphasis_are_unwrapped()
    {
        var parsed = Parse("notes.md", Markdown);
        var all = string.Concat(parsed.Passages.Select(p => p.Text));

        Assert.Equal("强化学习的关键时刻", parsed.Title);
        Assert.Contains("研究者介绍了奖励模型的作用", all);
        Assert.Contains("变成一个可以优化的分数，", all);
        Assert.Contains("人类反馈强化学习", all);
        Assert.Contains("监控模型的行为", all);
        Assert.Contains("RLHF", all);
        foreach (var markup in new[] { "](", "**", "__", "`", "*人类", "![", "http", "#", "> " })
            Assert.DoesNotContain(markup, all);
        Assert.Contains(parsed.Passages, p => p.Text.Contains("奖励模型也会被钻空子") && p.Section == "第二部分：局限");
    }

    [Fact]
    public void Markdown_list_items_are_text_that_can_be_found_not_headings()
    {
        const string markdown = """
            # 训练奖励模型的步骤

            奖励模型的训练分成三个步骤，每一步都需要仔细检查数据的质量，否则后面的优化会被错误的信号误导。

            - 收集人类对两个回答的比较
            - 训练一个给回答打分的奖励模型
            - 用近端策略优化算法改进策略

            做完这三步之后，还要持续监控模型的行为，防止它学会钻奖励模型的空子。
            """;

        var parsed = Parse("steps.md", markdown);
        var all = string.Concat(parsed.Passages.Select(p => p.Text));

        Assert.Contains("收集人类对两个回答的比较", all);
        Assert.Contains("训练一个给回答打分的奖励模型", all);
        Assert.Contains("用近端策略优化算法改进策略", all);
        Assert.DoesNotContain(parsed.Passages, p => p.Section is "收集人类对两个回答的比较" or "训练一个给回答打分的奖励模型" or "用近端策略优化算法改进策略");
    }

    [Fact]
    public void Srt_cues_are_joined_with_their_timestamps_as_the_locator_and_without_numbers_or_tags()
    {
        var (srt, cues) = Srt(12);

        var parsed = Parse("talk.srt", srt);

        Assert.NotEmpty(parsed.Passages);
        foreach (var passage in parsed.Passages)
        {
            // The locator is the time span of exactly the cues the passage shows.
            var (first, last) = (passage.FirstUnit, passage.LastUnit);
            Assert.Equal($"{cues[first].Start:hh\\:mm\\:ss}–{cues[last].End:hh\\:mm\\:ss}", passage.Locator);
            Assert.Equal(string.Join(" ", cues.Skip(first).Take(last - first + 1).Select(c => c.Text)), passage.Text);
            Assert.DoesNotMatch(@"<|>|\{\\|-->|\d{2}:\d{2}", passage.Text);
        }
        Assert.Equal(0, parsed.Passages[0].FirstUnit);
        Assert.Equal(cues.Count - 1, parsed.Passages[^1].LastUnit);
    }

    [Fact]
    public void Srt_locator_reads_from_the_first_cue_start_to_the_last_cue_end()
    {
        var (srt, _) = Srt(2);

        var parsed = Parse("talk.srt", srt);

        var passage = Assert.Single(parsed.Passages);
        Assert.Equal("00:01:02–00:01:16", passage.Locator);
        Assert.Equal("大家好，欢迎收听本期节目 今天我们聊聊蒸馏模型的训练方法", passage.Text);
    }

    [Fact]
    public void A_single_srt_cue_is_located_by_its_own_start_and_end()
    {
        const string srt = "1\n00:01:02,000 --> 00:01:09,400\n<b>只有一条字幕，讲的是蒸馏模型</b>\n";

        var passage = Assert.Single(Parse("one.srt", srt).Passages);

        Assert.Equal("00:01:02–00:01:09", passage.Locator);
        Assert.Equal("只有一条字幕，讲的是蒸馏模型", passage.Text);
    }

    [Fact]
    public void Vtt_voice_tags_name_the_speaker_and_headers_notes_and_tags_are_dropped()
    {
        var parsed = Parse("talk.vtt", Vtt);

        var passage = parsed.Passages[0];
        Assert.StartsWith("张教授", passage.Text);
        Assert.Matches(@"^00:02:03–00:02:\d\d$", passage.Locator);
        var all = string.Concat(parsed.Passages.Select(p => p.Text));
        Assert.Contains("隧穿效应", all);
        foreach (var markup in new[] { "<", ">", "WEBVTT", "NOTE", "注释", "Kind", "captions", "-->", "c.highlight" })
            Assert.DoesNotContain(markup, all);
    }

    [Fact]
    public void Txt_md_srt_and_vtt_in_one_folder_are_all_indexed_and_found_with_their_locators()
    {
        using var corpus = new TempCorpus();
        corpus.Write("plain.txt", "光刻机访谈\n记者问工程师光刻机为什么这么难造。工程师说，极紫外光源和超精密的镜头都是难点，任何一个环节都不能出错。\n");
        corpus.Write("notes.md", Markdown);
        corpus.Write("talk.srt", Srt(12).Text);
        corpus.Write("talk.vtt", Vtt);

        var index = corpus.Open();
        var report = index.Update();

        Assert.Equal(["notes.md", "plain.txt", "talk.srt", "talk.vtt"], report.Added.Order(StringComparer.Ordinal));
        Assert.Empty(report.Skipped);

        var srt = Top(index, "蒸馏模型 教师模型");
        Assert.Equal("talk.srt", srt.Source);
        Assert.Matches(Timestamps(), srt.Locator);

        var vtt = Top(index, "量子退火 隧穿效应");
        Assert.Equal("talk.vtt", vtt.Source);
        Assert.Matches(Timestamps(), vtt.Locator);

        var md = Top(index, "奖励模型 钻空子");
        Assert.Equal("notes.md", md.Source);
        Assert.Equal("强化学习的关键时刻", md.Title);

        var txt = Top(index, "极紫外光源");
        Assert.Equal("plain.txt", txt.Source);
        Assert.Equal("光刻机访谈", txt.Title);
    }

    private static PassageView Top(SearchIndex index, string question)
    {
        var hits = index.Search(question, new SearchOptions { Limit = 1 }).Hits;
        Assert.True(hits.Count > 0, $"no result for {question}");
        return hits[0].Passage;
    }

    [GeneratedRegex(@"^\d{2}:\d{2}:\d{2}–\d{2}:\d{2}:\d{2}$")]
    private static partial Regex Timestamps();
}
