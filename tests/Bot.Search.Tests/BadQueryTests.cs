using Bot.Search.Ranking;
using Bot.Search.Tests.Support;

namespace Bot.Search.Tests;

/// <summary>
/// Whatever a user types returns passages or an honest "nothing", never an exception, and never changes the
/// index; a question about something the transcripts do not discuss finds nothing rather than noise.
/// </summary>
public class BadQueryTests(SeedsIndexFixture seeds) : IClassFixture<SeedsIndexFixture>
{
    private static readonly string LongNoise = string.Concat(Enumerable.Repeat("啊😀！ ", 1000));

    /// <summary>Inputs with nothing in them to search.</summary>
    public static TheoryData<string> NothingToSearch =>
    [
        "",
        " ",
        "   \t\r\n\u3000  ",
        "？！。，",
        "?!.,;:'\"()[]{}<>/\\|`~@#$%^&*-_=+",
        "……——《》【】「」",
        "😀🙏",
        "😀🙏🏽👨‍👩‍👧",
        "\u0000\u0001\u0002\u0007\u001B\u007F",
        "\u200B\u200C\u200D\u2060\uFEFF",
        "\u202E\u202D\u2066\u2069",
        "\uD83D",
        "\uDE00\uD83D",
        "什么？为什么呢？",
        LongNoise,
        new string('？', 4000),
    ];

    [Theory]
    [MemberData(nameof(NothingToSearch))]
    public void A_question_with_nothing_to_search_returns_no_passages_and_says_so(string question)
    {
        var response = seeds.Index.Search(question);

        Assert.True(response.NothingToSearch, $"terms: {string.Join(",", response.Terms)}");
        Assert.Empty(response.Hits);
        Assert.Equal(question, response.Question);
    }

    /// <summary>Inputs that a search engine's query syntax, or SQL, would choke on.</summary>
    public static TheoryData<string> Syntax =>
    [
        "\"OpenAI\" AND NEAR(x y) OR *",
        "'; DROP TABLE passages; --",
        "\"; DELETE FROM documents WHERE 1=1; --",
        "((((超级对齐",
        ")))超级对齐(((",
        "text:对齐 col:term",
        "^RLHF",
        "-PPO",
        "NOT OpenAI",
        "超级对齐*",
        "\"未闭合的引号",
        "'",
        "\\",
        "%_%",
        "{\"json\": [1, 2]}",
        "<script>alert(1)</script>",
        "NEAR/3",
        "OR OR OR AND",
        "*",
    ];

    [Theory]
    [MemberData(nameof(Syntax))]
    public void Query_syntax_and_SQL_are_searched_as_plain_words(string question)
    {
        var response = seeds.Index.Search(question, new SearchOptions { Limit = 10 });

        AssertHonest(response, 10);
    }

    [Fact]
    public void A_real_question_inside_noise_still_finds_what_the_clean_question_finds()
    {
        const string clean = "超级对齐团队具体要做什么";
        var expected = seeds.Index.Search(clean);
        Assert.NotEmpty(expected.Hits);

        // Invisible characters, emoji and punctuation around the words change nothing.
        foreach (var noisy in new[]
        {
            "\u200B😀超级\u200D对齐团队\uFEFF具体要做什么？！",
            "？？？超级对齐团队具体要做什么！！！……",
            "\u202E超级对齐团队具体要做什么\u202C",
            "\u0007\u001B超级对齐团队具体要做什么\u0000",
            "超级对齐团队具体要做什么" + new string('？', 3000),
        })
        {
            var actual = seeds.Index.Search(noisy);
            AssertHonest(actual, 5);
            Assert.Equal(expected.Terms, actual.Terms);
            Assert.Equal(expected.Hits[0].Passage.Text, actual.Hits[0].Passage.Text);
        }

        // Syntax and control characters between the words separate them, and the answer is still found.
        foreach (var noisy in new[] { "((超级对齐团队)) AND 具体要做什么 *", "超级对齐团队\u0007具体要做什么", "\"超级对齐团队\" OR \"具体要做什么\"" })
        {
            var actual = seeds.Index.Search(noisy);
            AssertHonest(actual, 5);
            Assert.Contains(expected.Hits[0].Passage.Text, actual.Hits.Take(3).Select(h => h.Passage.Text));
        }
    }

    [Fact]
    public void A_4000_character_question_is_answered_from_its_beginning_without_error()
    {
        var question = "超级对齐团队具体要做什么？" + string.Concat(Enumerable.Repeat("我想再多了解一些细节，", 400));
        Assert.True(question.Length >= 4000);

        var response = seeds.Index.Search(question);

        AssertHonest(response, 5);
        Assert.NotEmpty(response.Hits);
    }

    [Theory]
    [InlineData("超級對齊團隊具體要做什麼")]
    [InlineData("ＲＬＨＦ")]
    [InlineData("rlhf")]
    public void Traditional_full_width_and_lower_case_questions_find_passages(string question)
    {
        var response = seeds.Index.Search(question);

        AssertHonest(response, 5);
        Assert.NotEmpty(response.Hits);
    }

    [Fact]
    public void Out_of_range_paging_options_are_clamped_and_an_unknown_source_finds_nothing()
    {
        const string question = "强化学习";

        Assert.Single(seeds.Index.Search(question, new SearchOptions { Limit = 0 }).Hits);
        Assert.Single(seeds.Index.Search(question, new SearchOptions { Limit = -5 }).Hits);
        Assert.InRange(seeds.Index.Search(question, new SearchOptions { Limit = int.MaxValue }).Hits.Count, 6, 50);
        Assert.Equal(1, seeds.Index.Search(question, new SearchOptions { Offset = -3 }).Hits[0].Rank);
        Assert.Empty(seeds.Index.Search(question, new SearchOptions { Offset = int.MaxValue }).Hits);
        Assert.Empty(seeds.Index.Search(question, new SearchOptions { Source = "no-such-file.txt" }).Hits);
        Assert.Empty(seeds.Index.Search(question, new SearchOptions { Source = "../../etc/passwd" }).Hits);
        Assert.Empty(seeds.Index.Search(question, new SearchOptions { Source = "' OR 1=1 --" }).Hits);
    }

    [Fact]
    public void The_next_page_continues_where_the_first_stopped()
    {
        const string question = "强化学习";
        var first = seeds.Index.Search(question, new SearchOptions { Limit = 5 }).Hits;
        var second = seeds.Index.Search(question, new SearchOptions { Limit = 5, Offset = 5 }).Hits;
        var both = seeds.Index.Search(question, new SearchOptions { Limit = 10 }).Hits;

        Assert.Equal(both.Select(h => h.Passage.Text), first.Concat(second).Select(h => h.Passage.Text));
        Assert.Equal([6, 7, 8, 9, 10], second.Select(h => h.Rank));
    }

    [Fact]
    public void Bad_queries_leave_the_index_unchanged()
    {
        var before = seeds.Index.Documents;
        foreach (var question in NothingToSearch.Cast<object[]>().Concat(Syntax.Cast<object[]>()).Select(row => (string)row[0]))
            seeds.Index.Search(question);

        Assert.Equal(before, seeds.Index.Documents);
        Assert.Equal(seeds.PassageCount, seeds.Index.PassageCount);
        using var reopened = SearchIndex.Open(new SearchIndexOptions { CorpusPath = seeds.CorpusPath, IndexPath = seeds.IndexPath });
        Assert.Equal(seeds.DocumentCount, reopened.Documents.Count);
        Assert.Equal(seeds.PassageCount, reopened.PassageCount);
        Assert.False(reopened.Update().HasChanges);
    }

    [Theory]
    [InlineData("红烧肉怎么做才好吃")]
    [InlineData("明天股票会涨吗")]
    [InlineData("如何种植西红柿")]
    [InlineData("怎么减肥最快")]
    [InlineData("How do I bake sourdough bread?")]
    public void An_off_topic_question_none_of_whose_words_is_in_the_corpus_finds_nothing(string question)
    {
        Assert.Empty(WordsInCorpus(question));

        var response = seeds.Index.Search(question);

        Assert.False(response.NothingToSearch);
        Assert.True(response.Hits.Count == 0, $"'{question}' found: {string.Join(" | ", response.Hits.Select(h => h.Passage.Text[..Math.Min(40, h.Passage.Text.Length)]))}");
    }

    [Theory]
    [InlineData("今天天气怎么样")]
    [InlineData("猫为什么喜欢钻纸箱")]
    [InlineData("世界杯冠军是哪个国家")]
    public void An_off_topic_question_that_shares_only_everyday_words_with_the_corpus_finds_nothing(string question)
    {
        // The corpus does contain some of these words (今天, 喜欢, 最近, 原因), but they are common in any Chinese text.
        Assert.NotEmpty(WordsInCorpus(question));

        var response = seeds.Index.Search(question);

        Assert.True(response.Hits.Count == 0, $"'{question}' found: {string.Join(" | ", response.Hits.Select(h => h.Passage.Text[..Math.Min(40, h.Passage.Text.Length)]))}");
    }

    [Fact]
    public void Most_off_topic_questions_of_the_eval_set_find_nothing()
    {
        var questions = File.ReadAllLines(Repo.EvalFile("offtopic.txt")).Where(l => l.Trim().Length > 0).ToList();

        var answered = questions.Where(q => seeds.Index.Search(q).Hits.Count > 0).ToList();

        Assert.True(answered.Count <= 3, $"{answered.Count} of {questions.Count} off-topic questions answered: {string.Join(" / ", answered)}");
    }

    [Fact]
    public void Every_off_topic_question_of_the_eval_set_whose_words_are_not_in_the_corpus_finds_nothing()
    {
        var questions = File.ReadAllLines(Repo.EvalFile("offtopic.txt")).Where(l => l.Trim().Length > 0).ToList();
        var foreign = questions.Where(q => WordsInCorpus(q).Count == 0).ToList();
        Assert.True(foreign.Count >= questions.Count / 3, $"only {foreign.Count} of {questions.Count} off-topic questions have no word in the corpus");

        var answered = foreign.Where(q => seeds.Index.Search(q).Hits.Count > 0).ToList();

        Assert.True(answered.Count == 0, $"off-topic questions answered: {string.Join(" / ", answered)}");
    }

    /// <summary>The question's content words of two characters or more (as the analyzer splits it) that occur in some passage of the seeds.</summary>
    private static List<string> WordsInCorpus(string question)
    {
        var passages = ParsedSeeds.ByName.Values.SelectMany(s => s.Parsed.Passages).Select(p => Text.Fold(p.Text)).ToList();
        var words = new List<string>();
        foreach (var concept in Analysis.QueryAnalyzer.Analyze(question).Concepts.Where(c => c.Word.Length >= 2))
            words.Add(concept.Word);
        return words.Where(w => passages.Any(p => p.Contains(w))).ToList();
    }

    /// <summary>A response a user can trust: ranked 1..n, scores not increasing, each passage shown with what matched.</summary>
    private static void AssertHonest(SearchResponse response, int limit)
    {
        Assert.InRange(response.Hits.Count, 0, limit);
        Assert.Equal(Enumerable.Range(1, response.Hits.Count), response.Hits.Select(h => h.Rank));
        for (var i = 1; i < response.Hits.Count; i++)
            Assert.True(response.Hits[i].Score <= response.Hits[i - 1].Score);
        Assert.All(response.Hits, h =>
        {
            Assert.False(string.IsNullOrWhiteSpace(h.Passage.Text));
            Assert.NotEmpty(h.Highlights);
            Assert.All(h.Highlights, s => Assert.InRange(s.End, 1, h.Passage.Text.Length));
        });
    }
}
