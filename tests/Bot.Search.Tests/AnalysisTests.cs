using Bot.Search.Analysis;
using Bot.Search.Ranking;
using Bot.Search.Tests.Support;

namespace Bot.Search.Tests;

/// <summary>
/// The analyzers: ICU folding (NFKC_Casefold, traditional to simplified, invisible characters), SmartCn words and CJK
/// bigrams at their exact source offsets, Latin terms kept whole, and questions stripped of question words.
/// </summary>
public class AnalysisTests(SeedsIndexFixture seeds) : IClassFixture<SeedsIndexFixture>
{
    /// <summary>Input, then its word-field tokens as "term start end", in order.</summary>
    public static TheoryData<string, string[]> Words => new()
    {
        { "大模型", ["大 0 1", "模型 1 3"] },
        { "ＡＢＣ１２３", ["abc 0 3", "123 3 6"] },
        { "RLHF和PPO", ["rlhf 0 4", "和 4 5", "ppo 5 8"] },
        { "GPT-4发布", ["gpt 0 3", "gpt4 0 5", "4 4 5", "发布 5 7"] },
        { "到2030年", ["到 0 1", "2030 1 5", "年 5 6"] },
        { "為什麼離開", ["为什么 0 3", "离开 3 5"] },
        { "大\u200B模型", ["大 0 2", "模型 2 4"] },
        { "\u202E对齐\u202C", ["对齐 1 4"] },
        { "Ｏｐｅｎ　ＡＩ", ["open 0 4", "openai 0 7", "ai 5 7"] },
        { "Transformers！", ["transform 0 12"] },
        { "😀🙏？！。，", [] },
    };

    [Theory]
    [MemberData(nameof(Words))]
    public void Text_analyzes_to_these_words_at_these_source_offsets(string input, string[] expected) =>
        Assert.Equal(expected, AnalyzedToken.Read(new WordAnalyzer(), "text", input).Select(t => $"{t.Term} {t.Start} {t.End}"));

    /// <summary>Input, then its bigram-field tokens: every CJK character and every pair of neighbours, Latin words whole.</summary>
    public static TheoryData<string, string[]> Bigrams => new()
    {
        { "大模型", ["大 0 1", "大模 0 2", "模 1 2", "模型 1 3", "型 2 3"] },
        { "尼崎藩", ["尼 0 1", "尼崎 0 2", "崎 1 2", "崎藩 1 3", "藩 2 3"] },
        { "為什麼", ["为 0 1", "为什 0 2", "什 1 2", "什么 1 3", "么 2 3"] },
        { "GPT-4发布", ["gpt 0 3", "gpt4 0 5", "4 4 5", "发 5 6", "发布 5 7", "布 6 7"] },
        { "Ｏｐｅｎ　ＡＩ", ["open 0 4", "openai 0 7", "ai 5 7"] },
        { "😀🙏？！。，", [] },
    };

    [Theory]
    [MemberData(nameof(Bigrams))]
    public void Text_analyzes_to_these_bigrams_at_these_source_offsets(string input, string[] expected) =>
        Assert.Equal(expected, AnalyzedToken.Read(new BigramAnalyzer(), "bigrams", input).Select(t => $"{t.Term} {t.Start} {t.End}"));

    [Theory]
    [InlineData("大模型的ＲＬＨＦ訓練\u200B與 GPT-4o，在２０３０年")]
    [InlineData("\u202EJohn Schulman：為什麼離開 OpenAI？\u202C")]
    public void Every_token_points_at_source_text_that_folds_to_its_term(string input)
    {
        var tokens = AnalyzedToken.Read(new BigramAnalyzer(), "bigrams", input).Concat(AnalyzedToken.Read(new WordAnalyzer(), "text", input));
        foreach (var token in tokens)
        {
            var folded = Text.Fold(input[token.Start..token.End]);
            if (token.Term.All(char.IsAsciiLetterOrDigit))
                // A Latin pair joined (john schulman → johnschulman, gpt-4 → gpt4) and stemmed.
                Assert.StartsWith(token.Term[..Math.Min(token.Term.Length, 3)], folded.Replace(" ", "").Replace("-", ""));
            else
                Assert.Equal(token.Term, folded);
        }
    }

    [Fact]
    public void Random_text_of_every_script_analyzes_without_error_and_offsets_stay_inside_it()
    {
        var random = new Random(20261204);
        var alphabet = "的一是不了人我在有他這個們中來上大為和國地到以說時要就出會可也你對生能而子那得於著下自之年過發後作裡用abcXYZ0123456789 ，。！？、「」\n\t\u200B\u202E\uFF21\uFF41ぁアㄱ가".ToCharArray();
        for (var round = 0; round < 200; round++)
        {
            var text = new string(Enumerable.Range(0, random.Next(0, 300)).Select(_ =>
                random.Next(10) == 0 ? (char)random.Next(0x20, 0xD7FF) : alphabet[random.Next(alphabet.Length)]).ToArray());
            foreach (var token in AnalyzedToken.Read(new WordAnalyzer(), "text", text).Concat(AnalyzedToken.Read(new BigramAnalyzer(), "bigrams", text)))
            {
                Assert.NotEmpty(token.Term);
                Assert.InRange(token.Start, 0, text.Length);
                Assert.InRange(token.End, token.Start, text.Length);
            }
            QueryAnalyzer.Analyze(text);
        }
    }

    [Theory]
    [InlineData("ＡＢＣ１２３", "abc123")]
    [InlineData("ＲＬＨＦ和ＰＰＯ", "rlhf和ppo")]
    [InlineData("為什麼離開", "为什么离开")]
    [InlineData("後訓練與預訓練", "后训练与预训练")]
    [InlineData("對齊\u200B團隊\u200D\uFEFF", "对齐团队")]
    [InlineData("OpenAI", "openai")]
    [InlineData("世界著名的研究", "世界著名的研究")]
    public void Folding_makes_full_width_upper_case_and_traditional_text_match_its_plain_form(string input, string folded) =>
        Assert.Equal(folded, Text.Fold(input));

    public static TheoryData<string, string[], string[]> Questions => new()
    {
        { "为什么 Schulman 离开了 OpenAI 呢", ["schulman", "离开", "openai"], ["为什么", "什么", "了", "呢"] },
        { "预训练到底在学什么？", ["预训", "训练", "学"], ["到底", "在", "什么"] },
        { "大模型是怎么训练的", ["模型", "训练"], ["是", "怎么", "的"] },
        { "只靠预测下一个 token，模型能超越人类吗", ["token", "超越", "人类", "预测"], ["吗", "能"] },
        { "What is scalable oversight?", ["scalabl", "oversight"], ["what", "is", "whati"] },
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

    [Fact]
    public void A_name_SmartCn_cuts_into_single_characters_is_searched_as_one_word_by_its_bigrams()
    {
        var query = QueryAnalyzer.Analyze("尼崎藩的藩厅是哪里？");

        Assert.Contains(query.Concepts, c => c.Word == "尼崎藩" && c.Terms.SequenceEqual(["尼崎", "崎藩"]));
        Assert.Contains(query.Concepts, c => c.Word == "藩厅");
        Assert.DoesNotContain("藩的", query.Terms);
    }

    [Theory]
    [InlineData("什么？")]
    [InlineData("为什么呢？是不是吗")]
    [InlineData("怎么了")]
    [InlineData("what is it?")]
    [InlineData("😀🙏？！。，")]
    public void A_question_made_only_of_question_words_or_symbols_has_nothing_to_search(string question)
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
    public void A_Latin_term_finds_passages_that_contain_it_whole_before_any_that_do_not(string term, string folded)
    {
        var hits = seeds.Index.Search(term, new SearchOptions { Limit = 10 }).Hits;

        Assert.NotEmpty(hits);
        var whole = hits.Select(h => Text.Fold(h.Passage.Text).Contains(folded)).ToList();
        Assert.True(whole[0], $"the first passage for {term} does not contain it");
        // Passages with only part of it (GPT-2 for GPT-4) may follow, never precede.
        Assert.DoesNotContain(true, whole.SkipWhile(w => w));
    }
}
