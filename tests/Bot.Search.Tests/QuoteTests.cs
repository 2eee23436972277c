using Bot.Search.Analysis;
using Bot.Search.Evaluation;
using Bot.Search.Quoting;
using Bot.Search.Ranking;
using Bot.Search.Tests.Support;

namespace Bot.Search.Tests;

/// <summary>Passages are quoted around what answers: short, the answering sentences kept, whole words in bold.</summary>
public class QuoteTests(SeedsIndexFixture seeds) : IClassFixture<SeedsIndexFixture>
{
    public static TheoryData<string> Questions
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (var q in RelevanceEvaluator.Load(Repo.EvalFile("dev.tsv")).Concat(RelevanceEvaluator.Load(Repo.EvalFile("heldout.tsv"))))
                data.Add(q.Question);
            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Questions))]
    public void Every_quote_is_short_cut_with_an_ellipsis_and_holds_the_passage_s_best_sentence(string question)
    {
        foreach (var hit in seeds.Index.Search(question, new SearchOptions { Limit = 5 }).Hits)
        {
            var quote = PassageQuoter.Quote(hit.Passage.Text, hit.Highlights);
            Assert.InRange(PassageQuote.ReaderLength(quote.Text), 1, PassageQuoter.MaxLength);
            Assert.Equal(quote.IsWhole, quote.Text == hit.Passage.Text);
            if (!quote.IsWhole)
                Assert.Contains('…', quote.Text);
            // What is quoted is the passage's own text, pieces of it in order.
            foreach (var piece in quote.Text.Split('…', '\n').Select(p => p.Trim()).Where(p => p.Length > 0))
                Assert.Contains(piece, hit.Passage.Text);
        }
    }

    [Theory]
    [MemberData(nameof(Questions))]
    public void Bold_covers_whole_words_and_never_a_common_word_alone(string question)
    {
        foreach (var hit in seeds.Index.Search(question, new SearchOptions { Limit = 5 }).Hits)
        {
            var quote = PassageQuoter.Quote(hit.Passage.Text, hit.Highlights, int.MaxValue);
            // SmartCn's words; a joined pair of Latin words (geoffreyhinton) stands at the position of its second word.
            var tokens = AnalyzedToken.Read(new WordAnalyzer(), "text", quote.Text).GroupBy(t => t.Position).Select(g => g.MinBy(t => t.End - t.Start)).ToList();
            foreach (var span in quote.Bold)
            {
                Assert.DoesNotContain(tokens, t => t.Start < span.Start && span.Start < t.End || t.Start < span.End && span.End < t.End);
                var inside = tokens.Where(t => t.Start >= span.Start && t.End <= span.End).ToList();
                Assert.NotEmpty(inside);
                Assert.False(inside.Count == 1 && CommonWords.Contains(inside[0].Term) && inside[0].Start == span.Start && inside[0].End == span.End,
                    $"'{quote.Text.Substring(span.Start, span.Length)}' is a common word in bold alone ({hit.Passage.Locator})");
            }
        }
    }

    [Fact]
    public void Every_passage_of_the_seeds_is_quoted_within_the_length_whatever_is_marked()
    {
        var random = new Random(16);
        foreach (var (_, (_, parsed)) in ParsedSeeds.ByName)
        {
            foreach (var passage in parsed.Passages)
            {
                var highlights = Enumerable.Range(0, random.Next(0, 4))
                    .Select(_ => random.Next(0, Math.Max(1, passage.Text.Length - 2)))
                    .Order().Distinct()
                    .Select(start => new TextSpan(start, Math.Min(2, passage.Text.Length - start)))
                    .Aggregate(new List<TextSpan>(), (list, span) => { if (list.Count == 0 || span.Start >= list[^1].End) list.Add(span); return list; });
                var quote = PassageQuoter.Quote(passage.Text, highlights);
                Assert.InRange(PassageQuote.ReaderLength(quote.Text), 1, PassageQuoter.MaxLength);
                Assert.All(quote.Bold, b => Assert.InRange(b.End, b.Start + 1, quote.Text.Length));
            }
        }
    }

    [Fact]
    public void The_TPU_question_quotes_the_answering_sentence_first()
    {
        var hits = seeds.Index.Search("Ilya 觉得 TPU 和 GPU 到底有什么区别", new SearchOptions { Limit = 3 }).Hits;

        var first = PassageQuoter.Quote(hits[0].Passage.Text, hits[0].Highlights);
        Assert.Contains(Text.Squeeze(Text.Fold("事实证明，TPU 和 GPU 几乎是一回事")), Text.Squeeze(Text.Fold(first.Text)));
        Assert.All(hits, hit => Assert.InRange(PassageQuote.ReaderLength(PassageQuoter.Quote(hit.Passage.Text, hit.Highlights).Text), 1, 360));
        Assert.DoesNotContain(first.Bold, b => first.Text.Substring(b.Start, b.Length) == "觉得");
    }

    [Fact]
    public void A_common_word_is_bold_only_beside_another_matched_word_and_part_of_a_word_never()
    {
        const string text = "我觉得这块芯片很快。强化学习需要奖励。";
        TextSpan Of(string word) => new(text.IndexOf(word, StringComparison.Ordinal), word.Length);

        var quote = PassageQuoter.Quote(text, [Of("觉得"), Of("芯片"), Of("学")]);
        Assert.Equal(["芯片"], quote.Bold.Select(b => quote.Text.Substring(b.Start, b.Length)));

        var phrase = PassageQuoter.Quote(text, [Of("强化学习")]);
        Assert.Equal(["强化学习"], phrase.Bold.Select(b => phrase.Text.Substring(b.Start, b.Length)));
        Assert.True(phrase.AddsAnswer);

        var onlyCommon = PassageQuoter.Quote(text, [Of("觉得")]);
        Assert.Empty(onlyCommon.Bold);
        Assert.False(onlyCommon.AddsAnswer);
    }

    [Fact]
    public void A_long_sentence_is_cut_around_its_match_with_ellipses_at_both_ends()
    {
        var filler = string.Concat(Enumerable.Repeat("这段话只是为了凑长度，", 40));
        var text = filler + "真正要找的是钛合金载人球舱的设计，" + filler;
        var at = text.IndexOf("钛合金", StringComparison.Ordinal);

        var quote = PassageQuoter.Quote(text, [new TextSpan(at, 3)]);

        Assert.StartsWith("…", quote.Text);
        Assert.EndsWith("…", quote.Text);
        Assert.Contains("钛合金载人球舱", quote.Text);
        Assert.InRange(PassageQuote.ReaderLength(quote.Text), 200, PassageQuoter.MaxLength);
        Assert.Equal("钛合金", quote.Text.Substring(quote.Bold[0].Start, quote.Bold[0].Length));
    }

    [Fact]
    public void An_answer_is_quoted_under_the_end_of_its_question()
    {
        var question = "主持人：" + string.Concat(Enumerable.Repeat("先说一点背景。", 30)) + "潜水器下到万米海沟最难的是什么？";
        var answer = "王工：" + string.Concat(Enumerable.Repeat("我们做了很多准备。", 30)) + "最难的是承受海水的巨大压力。" + string.Concat(Enumerable.Repeat("后来又改了几次。", 20));
        var text = question + "\n" + answer;
        var at = text.IndexOf("压力", StringComparison.Ordinal);

        var quote = PassageQuoter.Quote(text, [new TextSpan(at, 2)]);

        var lines = quote.Text.Split('\n');
        Assert.EndsWith("潜水器下到万米海沟最难的是什么？", lines[0]);
        Assert.Contains("最难的是承受海水的巨大压力。", lines[1]);
        Assert.InRange(PassageQuote.ReaderLength(quote.Text), 1, PassageQuoter.MaxLength);
    }
}
