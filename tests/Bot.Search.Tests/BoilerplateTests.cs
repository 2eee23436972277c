using Bot.Search.Corpus;
using Bot.Search.Tests.Support;
using static Bot.Search.Tests.Support.Text;

namespace Bot.Search.Tests;

/// <summary>
/// Web page furniture (navigation, related-article lists, tag clouds, share buttons, copyright and repost
/// notices, comment widgets) never comes back as an answer, while the article it surrounds does.
/// </summary>
public class BoilerplateTests(SeedsIndexFixture seeds) : IClassFixture<SeedsIndexFixture>
{
    /// <summary>Phrases that occur in the seeds only in the furniture at the head or the tail of a page.</summary>
    public static TheoryData<string> FurniturePhrases =>
    [
        "其他人都在看", "SiliconCloud", "siliconflow", "邀请新用户", "Token不够用", "800+页免费",
        "评论(0)", "Oh! no", "您是否确认要删除该条评论",
        "电脑网络维修", "2024-11-14", "本文转载自", "关注微信", "本网站的文章部分内容可能来源于网络", "猜你喜欢", "热门标签", "热门资讯",
        "关注我们", "微信公众号", "洗手盆如何疏浚梗塞", "格力空调售后电话",
        "1年前 (2023)", "千度导航", "版权声明", "转载请注明", "千度百科", "相关文章",
    ];

    [Theory]
    [MemberData(nameof(FurniturePhrases))]
    public void No_passage_of_any_seed_contains_page_furniture(string phrase)
    {
        // The phrase is really in a seed: otherwise this test would prove nothing.
        Assert.Contains(ParsedSeeds.ByName.Values, s => s.Raw.Contains(phrase));
        foreach (var (name, (_, parsed)) in ParsedSeeds.ByName)
        {
            var offending = parsed.Passages.FirstOrDefault(p => Squeeze(p.Text).Contains(Squeeze(phrase)));
            Assert.True(offending is null, $"{name} [{offending?.Locator}] contains furniture '{phrase}': {offending?.Text}");
        }
    }

    /// <summary>Each seed that ends in furniture, and the line where its furniture starts.</summary>
    public static TheoryData<string, string> FurnitureTails => new()
    {
        { "000", "其他人都在看" },
        { "002", "评论(0)" },
        { "003", "本文转载自" },
        { "004", "版权声明" },
    };

    [Theory]
    [MemberData(nameof(FurnitureTails))]
    public void Nothing_after_the_last_paragraph_of_a_seed_is_in_its_passages(string seed, string tailStart)
    {
        var (raw, parsed) = ParsedSeeds.ByName[Repo.SeedName(seed)];
        var lines = raw.Split('\n').Select(l => l.Trim()).ToList();
        var start = lines.FindIndex(l => l.StartsWith(tailStart, StringComparison.Ordinal));
        Assert.True(start > 0, $"'{tailStart}' not found in {seed}");
        var tail = lines.Skip(start).Select(Squeeze).Where(l => l.Length >= 4).ToList();
        Assert.True(tail.Count >= 3, $"{seed}: only {tail.Count} lines of furniture");

        // The last paragraph itself, just above the furniture, survives.
        var lastParagraph = Squeeze(lines.Take(start).Last(l => l.Length >= 20));
        Assert.Contains(parsed.Passages, p => Squeeze(p.Text).Contains(lastParagraph));

        foreach (var line in tail)
            Assert.DoesNotContain(parsed.Passages, p => Squeeze(p.Text).Contains(line));
    }

    [Theory]
    [InlineData("003", "的离任")]
    [InlineData("004", "编者按")]
    public void Nothing_before_the_first_paragraph_of_a_seed_is_in_its_passages(string seed, string bodyStart)
    {
        var (raw, parsed) = ParsedSeeds.ByName[Repo.SeedName(seed)];
        var lines = raw.Split('\n').Select(l => l.Trim()).ToList();
        var start = lines.FindIndex(l => l.StartsWith(bodyStart, StringComparison.Ordinal));
        var head = lines.Take(start).Select(Squeeze).Where(l => l.Length >= 4).ToList();
        Assert.NotEmpty(head);

        Assert.StartsWith(Squeeze(lines[start])[..20], Squeeze(parsed.Passages[0].Text));
        foreach (var line in head.Where(l => l != Squeeze(parsed.Title)))
            Assert.DoesNotContain(parsed.Passages, p => Squeeze(p.Text).Contains(line));
    }

    [Theory]
    [InlineData("洗衣机 热水器 空调")]
    [InlineData("苏泊尔电饭锅保修")]
    [InlineData("燃气热水器售后电话")]
    [InlineData("SiliconCloud")]
    [InlineData("千度导航 千度百科")]
    [InlineData("彩星彩电 童锁")]
    public void Searching_for_words_found_only_in_page_furniture_finds_nothing(string question)
    {
        // The words are in a seed file, and none of their bigrams is in any passage: they are only in the furniture.
        Assert.All(question.Split(' '), word => Assert.Contains(ParsedSeeds.ByName.Values, s => s.Raw.Contains(word)));
        var passages = ParsedSeeds.ByName.Values.SelectMany(s => s.Parsed.Passages).Select(p => Fold(p.Text)).ToList();
        foreach (var token in Analysis.AnalyzedToken.Read(new Analysis.BigramAnalyzer(), "bigrams", question).Where(t => t.Type != Lucene.Net.Analysis.Cjk.CJKBigramFilter.SINGLE_TYPE))
            Assert.DoesNotContain(passages, p => p.Contains(token.Term));

        var response = seeds.Index.Search(question);

        Assert.False(response.NothingToSearch);
        Assert.True(response.Hits.Count == 0,
            $"'{question}' found {string.Join(" | ", response.Hits.Select(h => $"{h.Passage.Source} [{h.Passage.Locator}] {h.Passage.Text[..Math.Min(40, h.Passage.Text.Length)]}"))}");
    }

    internal const string Article = """
        首页
        • 科技
        • 人工智能
        • 访谈
        • 关于我们
        大模型时代的对齐研究：一次访谈的要点
        来源：https://example.com/articles/alignment-interview
        作者：李明 | 2024-05-12
        在这次长谈中，研究者首先回顾了强化学习从游戏走向语言模型的过程。他认为，真正的转折点是人们开始用人类反馈来训练奖励模型，这让模型学会了按照人的偏好回答问题，而不只是预测下一个词。
        他接着谈到可扩展监督的难题：当模型的能力超过评估者时，人类很难判断一个回答是否正确。为此，团队尝试让模型协助人类评估，把复杂任务拆成更容易检查的小步骤，并用辩论的方式暴露错误。
        最后，他对未来几年的进展持谨慎乐观的态度。他说，只要我们在部署之前认真测试，并且愿意在发现问题时放慢脚步，就有机会让越来越强的系统保持可控。
        分享到：微信 微博 QQ空间 豆瓣
        点赞(12) 收藏
        相关文章
        • 强化学习入门指南
        • 十个提示词技巧
        • 智能音箱选购攻略
        标签：人工智能 对齐 强化学习 访谈 大模型 ChatGPT OpenAI 安全
        热门标签 扫地机器人 空气净化器 电动牙刷 蓝牙耳机 降噪耳机 机械键盘 游戏鼠标
        版权声明：本文由作者授权发布，转载请注明出处。
        © 2024 示例科技网 All Rights Reserved
        评论(0)
        发表评论
        登录后才能评论
        """;

    [Fact]
    public void A_web_page_keeps_its_article_title_and_source_address_and_loses_its_furniture()
    {
        var parsed = new TranscriptParser().Parse("page.txt", Article);
        var passages = parsed.Passages.Select(p => Squeeze(p.Text)).ToList();

        Assert.Equal("大模型时代的对齐研究：一次访谈的要点", parsed.Title);
        Assert.Equal("https://example.com/articles/alignment-interview", parsed.Url);
        var paragraphs = Article.Split('\n').Where(l => l.Trim().Length > 60).ToList();
        Assert.Equal(3, paragraphs.Count);
        foreach (var paragraph in paragraphs)
            Assert.Contains(passages, p => p.Contains(Squeeze(paragraph)));

        foreach (var furniture in new[]
        {
            "首页", "科技", "关于我们", "example.com", "李明", "分享到", "微博", "点赞", "收藏", "相关文章", "强化学习入门指南", "提示词技巧",
            "智能音箱", "标签", "扫地机器人", "降噪耳机", "版权声明", "转载", "AllRightsReserved", "示例科技网", "评论", "登录",
        })
        {
            Assert.DoesNotContain(passages, p => p.Contains(furniture, StringComparison.OrdinalIgnoreCase));
        }
    }

    [Fact]
    public void In_an_index_a_web_page_answers_from_its_article_and_never_from_its_furniture()
    {
        using var corpus = new TempCorpus();
        corpus.Write("page.txt", Article);
        var index = corpus.OpenUpdated();

        var hit = Assert.Single(index.Search("可扩展监督 评估者").Hits.Take(1));
        Assert.Equal("大模型时代的对齐研究：一次访谈的要点", hit.Passage.Title);
        Assert.Equal("https://example.com/articles/alignment-interview", hit.Passage.Url);
        Assert.Contains("可扩展监督的难题", hit.Passage.Text);

        Assert.Empty(index.Search("扫地机器人 空气净化器 电动牙刷").Hits);
        Assert.Empty(index.Search("智能音箱选购攻略").Hits);
        Assert.Empty(index.Search("微信 微博 QQ空间 豆瓣").Hits);
    }
}
