using Bot.Search.Analysis;
using Bot.Search.Ranking;
using Bot.Search.Tests.Support;

namespace Bot.Search.Tests;

/// <summary>
/// The analyzer: folding (NFKC, lower case, traditional to simplified, invisible characters), Latin terms kept
/// whole, CJK unigrams and bigrams at their exact source offsets, and questions stripped of question words.
/// </summary>
public class AnalysisTests(SeedsIndexFixture seeds) : IClassFixture<SeedsIndexFixture>
{
    /// <summary>Input, then its tokens as "term kind start end", in order (W word, P word part, U unigram, B bigram).</summary>
    public static TheoryData<string, string[]> Tokenization => new()
    {
        { "大模型", ["大 U 0 1", "大模 B 0 2", "模 U 1 2", "模型 B 1 3", "型 U 2 3"] },
        { "ＡＢＣ１２３", ["abc123 W 0 6"] },
        { "RLHF和PPO", ["rlhf W 0 4", "和 U 4 5", "ppo W 5 8"] },
        { "GPT-4发布", ["gpt-4 W 0 5", "gpt P 0 3", "4 P 4 5", "发 U 5 6", "发布 B 5 7", "布 U 6 7"] },
        { "到2030年", ["到 U 0 1", "2030 W 1 5", "年 U 5 6"] },
        { "GPT 3.5", ["gpt W 0 3", "3.5 W 4 7", "gpt3.5 P 0 7"] },
        { "c++ 与 C#", ["c++ W 0 3", "与 U 4 5", "c# W 6 8"] },
        { "為什麼離開", ["为 U 0 1", "为什 B 0 2", "什 U 1 2", "什么 B 1 3", "么 U 2 3", "么离 B 2 4", "离 U 3 4", "离开 B 3 5", "开 U 4 5"] },
        { "大\u200B模型", ["大 U 0 1", "大模 B 0 3", "模 U 2 3", "模型 B 2 4", "型 U 3 4"] },
        { "\u202E对齐\u202C", ["对 U 1 2", "对齐 B 1 3", "齐 U 2 3"] },
        { "Ｏｐｅｎ　ＡＩ", ["open W 0 4", "ai W 5 7", "openai P 0 7"] },
        { "Transformers！", ["transformer W 0 12"] },
        { "😀🙏？！。，", [] },
    };

    [Theory]
    [MemberData(nameof(Tokenization))]
    public void Text_analyzes_to_these_terms_at_these_source_offsets(string input, string[] expected)
    {
        var tokens = Tokenizer.Tokenize(input);

        Assert.Equal(expected, tokens.Select(t => $"{t.Term} {Kind(t.Kind)} {t.Start} {t.End}"));
    }

    [Theory]
    [InlineData("大模型的ＲＬＨＦ訓練\u200B與 GPT-4o，在２０３０年")]
    [InlineData("\u202EJohn Schulman：為什麼離開 OpenAI？\u202C")]
    public void Every_token_points_at_source_text_that_folds_to_its_term(string input)
    {
        foreach (var token in Tokenizer.Tokenize(input).Where(t => t.Kind != TokenKind.WordPart))
        {
            var source = input[token.Start..token.End];
            Assert.Equal(token.Term, Text.Fold(source).Replace(" ", ""));
        }
    }

    [Theory]
    [InlineData("ＡＢＣ１２３", "abc123")]
    [InlineData("ＲＬＨＦ和ＰＰＯ", "rlhf和ppo")]
    [InlineData("為什麼離開", "为什么离开")]
    [InlineData("後訓練與預訓練", "后训练与预训练")]
    [InlineData("對齊\u200B團隊\u200D\uFEFF", "对齐团队")]
    [InlineData("OpenAI", "openai")]
    public void Folding_makes_full_width_upper_case_and_traditional_text_match_its_plain_form(string input, string folded) =>
        Assert.Equal(folded, Text.Fold(input));

    public static TheoryData<string, string[], string[]> Questions => new()
    {
        { "为什么 Schulman 离开了 OpenAI 呢", ["schulman", "离开", "openai"], ["为什么", "什么", "了", "呢"] },
        { "预训练到底在学什么？", ["预训", "训练", "学"], ["到底", "在", "什么"] },
        { "大模型是怎么训练的", ["模型", "训练"], ["是", "怎么", "的"] },
        { "只靠预测下一个 token，模型能超越人类吗", ["token", "超越", "人类", "预测"], ["吗", "能"] },
        { "What is scalable oversight?", ["scalable", "oversight"], ["what", "is"] },
    };

    [Theory]
    [MemberData(nameof(Questions))]
    public void Question_words_and_particles_are_not_searched_but_content_words_are(string question, string[] content, string[] stops)
    {
        var terms = QueryAnalyzer.Analyze(question).Terms;

        foreach (var word in content)
            Assert.Contains(word, terms);
        foreach (var stop in stops)
        {
            Assert.DoesNotContain(stop, terms);
            // Not even a bigram straddling the question word and a content word.
            if (stop[0] > 0x2E80)
                Assert.DoesNotContain(terms, t => t.IndexOfAny(stop.ToCharArray()) >= 0);
        }
    }

    [Theory]
    [InlineData("什么？")]
    [InlineData("为什么呢？是不是吗")]
    [InlineData("怎么了")]
    [InlineData("what is it?")]
    public void A_question_made_only_of_question_words_has_nothing_to_search(string question)
    {
        Assert.True(QueryAnalyzer.Analyze(question).IsEmpty);

        var response = seeds.Index.Search(question);

        Assert.True(response.NothingToSearch);
        Assert.Empty(response.Hits);
    }

    public static TheoryData<string, string> TraditionalQuestions => new()
    {
        { "Schulman 为什么离开 OpenAI", "Schulman 為什麼離開 OpenAI" },
        { "超级对齐团队具体要做什么", "超級對齊團隊具體要做什麼" },
        { "预训练和后训练有什么区别", "預訓練和後訓練有什麼區別" },
        { "大模型会不会很快撞上数据墙", "大模型會不會很快撞上數據牆" },
        { "机器学习的论文是不是也有 p-hacking", "機器學習的論文是不是也有 p-hacking" },
    };

    [Theory]
    [MemberData(nameof(TraditionalQuestions))]
    public void A_question_in_traditional_characters_finds_what_its_simplified_form_finds(string simplified, string traditional)
    {
        var expected = seeds.Index.Search(simplified);
        var actual = seeds.Index.Search(traditional);

        Assert.NotEmpty(expected.Hits);
        Assert.Equal(expected.Terms, actual.Terms);
        Assert.Equal(
            expected.Hits.Select(h => (h.Passage.Source, h.Passage.Ordinal)),
            actual.Hits.Select(h => (h.Passage.Source, h.Passage.Ordinal)));
    }

    [Theory]
    [InlineData("RLHF", "rlhf")]
    [InlineData("PPO", "ppo")]
    [InlineData("GPT-4", "gpt-4")]
    [InlineData("2030", "2030")]
    [InlineData("FFmpeg", "ffmpeg")]
    public void A_Latin_term_finds_passages_that_contain_it_whole(string term, string folded)
    {
        var hits = seeds.Index.Search(term, new SearchOptions { Limit = 10 }).Hits;

        Assert.NotEmpty(hits);
        Assert.All(hits, h => Assert.Contains(folded, Text.Fold(h.Passage.Text)));
    }

    private static char Kind(TokenKind kind) => kind switch
    {
        TokenKind.Word => 'W',
        TokenKind.WordPart => 'P',
        TokenKind.Unigram => 'U',
        _ => 'B',
    };
}
