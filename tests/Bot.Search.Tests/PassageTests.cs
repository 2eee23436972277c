using System.Text;
using System.Text.RegularExpressions;
using Bot.Search.Corpus;
using static Bot.Search.Tests.Support.Text;

namespace Bot.Search.Tests;

/// <summary>
/// Passages a person can read: over-long paragraphs split at sentence ends, one-line-per-row transcripts
/// joined into windows of about the configured length, every passage locatable in the source.
/// </summary>
public partial class PassageTests
{
    private static readonly string[] Clauses =
    [
        "模型在预训练中学习语言的规律", "研究者需要仔细设计奖励信号", "人类反馈让回答更符合人们的偏好", "数据的质量往往比数量更重要",
        "评估一个聊天模型并不容易", "长周期的任务需要模型保持连贯", "算力的增长带来了新的可能", "对齐研究关心模型是否可信",
        "工程师们不断改进训练的流程", "很多问题在规模变大之后才显现出来", "小模型也可以从大模型那里学到知识", "好的研究需要耐心和直觉",
    ];

    /// <summary>A paragraph of sentences of varied length, each ending in 。！ or ？, about <paramref name="length"/> characters.</summary>
    internal static string Paragraph(int length, int seed = 1)
    {
        var random = new Random(seed);
        var text = new StringBuilder();
        while (text.Length < length)
        {
            var clauses = random.Next(1, 5);
            for (var c = 0; c < clauses; c++)
                text.Append(c == 0 ? "" : "，").Append(Clauses[random.Next(Clauses.Length)]);
            text.Append(random.Next(10) switch { 0 => '！', 1 => '？', _ => '。' });
        }
        // The paragraph itself ends as a statement.
        text[^1] = '。';
        return text.ToString();
    }

    [Fact]
    public void A_3000_character_paragraph_is_split_at_sentence_ends_into_parts_of_bounded_length_in_order()
    {
        var options = PassageOptions.Default;
        var paragraph = Paragraph(3000);
        Assert.InRange(paragraph.Length, 3000, 3100);

        var passages = new TranscriptParser(options).Parse("long.txt", $"一个很长的段落\n{paragraph}\n").Passages;

        Assert.True(passages.Count >= paragraph.Length / options.MaxLength, $"{passages.Count} parts");
        Assert.All(passages, p =>
        {
            Assert.Contains(p.Text.TrimEnd()[^1], "。！？");
            Assert.True(p.Text.Length <= options.MaxLength * 5 / 4, $"a part of {p.Text.Length} characters (maximum {options.MaxLength})");
            Assert.True(p.Text.Length >= options.MaxLength / 3, $"a scrap of {p.Text.Length} characters");
        });
        // Nothing lost, nothing repeated, in order.
        Assert.Equal(paragraph, string.Concat(passages.Select(p => Squeeze(p.Text))));
        // Each part says which paragraph it is, and which part.
        Assert.Equal(passages.Count, passages.Select(p => p.Locator).Distinct().Count());
        Assert.All(passages, p => Assert.StartsWith("第 1 段", p.Locator));
    }

    [Theory]
    [InlineData(200)]
    [InlineData(600)]
    public void A_paragraph_is_split_according_to_the_configured_maximum(int maxLength)
    {
        var options = new PassageOptions { MaxLength = maxLength };
        var paragraph = Paragraph(3000, seed: 5);

        var passages = new TranscriptParser(options).Parse("long.txt", $"一个很长的段落\n{paragraph}\n").Passages;

        Assert.InRange(passages.Count, paragraph.Length / maxLength, paragraph.Length / maxLength * 2);
        Assert.All(passages, p => Assert.True(p.Text.Length <= maxLength * 5 / 4, $"{p.Text.Length} > {maxLength}"));
        Assert.Equal(paragraph, string.Concat(passages.Select(p => Squeeze(p.Text))));
    }

    [Fact]
    public void A_sentence_longer_than_the_maximum_is_cut_at_its_commas()
    {
        var options = new PassageOptions { MaxLength = 400 };
        var sentence = string.Join("，", Enumerable.Range(0, 60).Select(i => Clauses[i % Clauses.Length])) + "。";
        Assert.True(sentence.Length > 2 * options.MaxLength);

        var passages = new TranscriptParser(options).Parse("long.txt", $"一句很长的话\n{sentence}\n").Passages;

        Assert.True(passages.Count >= 2);
        Assert.All(passages, p => Assert.True(p.Text.Length <= options.MaxLength * 5 / 4, $"{p.Text.Length}"));
        Assert.All(passages.SkipLast(1), p => Assert.EndsWith("，", p.Text.TrimEnd()));
        Assert.Equal(sentence, string.Concat(passages.Select(p => Squeeze(p.Text))));
    }

    private static readonly string[] SubtitleLines =
    [
        "我们今天聊的是后训练", "很多人不知道这个阶段有多重要", "预训练之后模型只会续写文本", "它并不知道自己应该扮演什么角色",
        "后训练要做的就是把它变成助手", "这里面最关键的是人类反馈", "标注员会比较两个回答", "然后告诉我们哪一个更好", "奖励模型就从这些比较里学习",
        "最后用强化学习去优化策略", "这个过程需要反复很多轮", "每一轮都要重新收集数据",
    ];

    private static readonly string[] SubtitleQuestions = ["那么数据从哪里来？", "为什么不直接用监督学习？", "这个方法有什么局限？"];

    /// <summary>A title and 200 short lines without end punctuation; every 15th line is a question that the next lines answer.</summary>
    internal static string[] ShortLines()
    {
        var lines = new List<string> { "后训练漫谈字幕稿" };
        for (var i = 1; i <= 200; i++)
            lines.Add(i % 15 == 0 ? SubtitleQuestions[i / 15 % SubtitleQuestions.Length] : SubtitleLines[(i * 7) % SubtitleLines.Length]);
        return [.. lines];
    }

    [Theory]
    [InlineData(160)]
    [InlineData(100)]
    [InlineData(300)]
    public void Two_hundred_short_lines_are_joined_into_overlapping_windows_of_about_the_joined_length(int joinedLength)
    {
        var options = new PassageOptions { JoinedLength = joinedLength };
        var lines = ShortLines();

        var passages = new TranscriptParser(options).Parse("subtitles.txt", string.Join('\n', lines)).Passages;

        var windows = passages.Select(p => (Passage: p, Range: LineRange(p.Locator))).ToList();
        Assert.True(windows.Count >= 2 * lines.Sum(l => l.Length) / joinedLength * 0.7, $"{windows.Count} windows");
        foreach (var (passage, (first, last)) in windows)
        {
            // The locator names exactly the lines shown (line 1 is the title).
            Assert.InRange(first, 2, lines.Length);
            Assert.Equal(string.Join(" ", lines[(first - 1)..last]), passage.Text);
        }
        // About the joined length: never short except at the end, never much longer.
        Assert.All(windows.SkipLast(1), w => Assert.InRange(w.Passage.Text.Length, joinedLength, Math.Max(joinedLength + 20, options.MaxLength)));
        var mean = windows.Average(w => w.Passage.Text.Length);
        Assert.InRange(mean, joinedLength * 0.8, joinedLength * 1.3);
        // Each window starts inside the previous one and moves on; together they cover every line.
        for (var i = 1; i < windows.Count; i++)
        {
            Assert.True(windows[i].Range.First > windows[i - 1].Range.First, $"window {i} does not move on");
            Assert.True(windows[i].Range.First <= windows[i - 1].Range.Last, $"window {i} does not overlap the previous one");
        }
        Assert.Equal(2, windows[0].Range.First);
        Assert.Equal(lines.Length, windows[^1].Range.Last);
    }

    [Fact]
    public void A_window_never_ends_on_a_question_when_an_answer_follows()
    {
        var lines = ShortLines();

        var passages = new TranscriptParser().Parse("subtitles.txt", string.Join('\n', lines)).Passages;

        Assert.Contains(passages, p => SubtitleQuestions.Any(q => p.Text.Contains(q)));
        foreach (var passage in passages)
        {
            var (_, last) = LineRange(passage.Locator);
            if (last < lines.Length)
                Assert.False(lines[last - 1].EndsWith('？'), $"[{passage.Locator}] ends on the question '{lines[last - 1]}'");
        }
        // Every question is shown together with the line that answers it.
        for (var n = 2; n < lines.Length; n++)
        {
            if (lines[n - 1].EndsWith('？'))
                Assert.Contains(passages, p => p.Text.Contains(lines[n - 1] + " " + lines[n]));
        }
    }

    [Fact]
    public void Short_paragraphs_are_joined_until_they_are_long_enough_to_read()
    {
        // The last paragraph reads like body text: a short line at the very end of a page may be furniture.
        var paragraphs = Enumerable.Range(0, 12).Select(i => Clauses[i] + "。")
            .Append("最后，研究者们总结说，只有把数据、算力和评估结合起来考虑，才能真正做出可靠的模型。").ToArray();

        var passages = new TranscriptParser().Parse("short.txt", "短段落\n" + string.Join("\n\n", paragraphs)).Passages;

        Assert.True(passages.Count < paragraphs.Length / 2, $"{passages.Count} passages for {paragraphs.Length} short paragraphs");
        Assert.All(passages.SkipLast(1), p => Assert.True(Squeeze(p.Text).Length >= PassageOptions.Default.MinLength, $"{p.Text.Length}: {p.Locator}"));
        Assert.Equal(string.Concat(paragraphs), string.Concat(passages.Select(p => Squeeze(p.Text))));
        Assert.All(passages, p => Assert.Matches(@"^第 \d+(–\d+)? 段$", p.Locator));
    }

    /// <summary>"第 12–20 行" gives (12, 20); "第 7 行" gives (7, 7).</summary>
    private static (int First, int Last) LineRange(string locator)
    {
        var m = LinesPattern().Match(locator);
        Assert.True(m.Success, $"locator '{locator}' does not name lines");
        var first = int.Parse(m.Groups[1].Value);
        return (first, m.Groups[2].Success ? int.Parse(m.Groups[2].Value) : first);
    }

    [GeneratedRegex(@"^第 (\d+)(?:–(\d+))? 行$")]
    private static partial Regex LinesPattern();
}
