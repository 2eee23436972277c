using Bot.Search.Analysis;
using Bot.Search.Evaluation;
using Bot.Search.Ranking;
using Bot.Search.Tests.Support;

namespace Bot.Search.Tests;

/// <summary>The marked words of a passage are where the question's words are, and nowhere else.</summary>
public class HighlightTests(SeedsIndexFixture seeds) : IClassFixture<SeedsIndexFixture>
{
    public static TheoryData<string> Questions
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (var q in RelevanceEvaluator.Load(Repo.EvalFile("dev.tsv")).Concat(RelevanceEvaluator.Load(Repo.EvalFile("heldout.tsv"))))
                data.Add(q.Question);
            data.Add("ＲＬＨＦ 和 ｐｐｏ");
            data.Add("為什麼 Schulman 離開 OpenAI");
            data.Add("GPT-4 2030");
            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Questions))]
    public void Every_highlight_lies_in_the_passage_and_covers_only_the_question_s_terms(string question)
    {
        var response = seeds.Index.Search(question, new SearchOptions { Limit = 10 });
        var terms = response.Terms.ToHashSet();

        foreach (var hit in response.Hits)
        {
            var text = hit.Passage.Text;
            Assert.NotEmpty(hit.Highlights);
            var previousEnd = 0;
            foreach (var span in hit.Highlights)
            {
                Assert.True(span.Length > 0);
                Assert.True(span.Start >= previousEnd, $"highlights out of order or overlapping in {hit.Passage.Locator}");
                Assert.InRange(span.End, span.Start + 1, text.Length);
                previousEnd = span.End;

                // Every character marked belongs to an occurrence of one of the question's terms.
                var marked = text.Substring(span.Start, span.Length);
                var covered = new bool[marked.Length];
                foreach (var token in AnalyzedToken.Read(new BigramAnalyzer(), "bigrams", marked).Where(t => terms.Contains(t.Term)))
                    Array.Fill(covered, true, token.Start, token.End - token.Start);
                for (var i = 0; i < marked.Length; i++)
                {
                    Assert.True(covered[i] || char.IsWhiteSpace(marked[i]),
                        $"'{marked}' marked in [{hit.Passage.Locator}], but '{marked[i]}' is in no term of {string.Join(",", terms)}");
                }
            }
        }
    }

    [Fact]
    public void A_traditional_question_marks_the_simplified_words_it_matched()
    {
        var hit = seeds.Index.Search("超級對齊").Hits[0];

        var marked = hit.Highlights.Select(s => hit.Passage.Text.Substring(s.Start, s.Length)).ToList();

        Assert.Contains(marked, m => Text.Fold(m).Contains("超级对齐"));
    }

    [Fact]
    public void A_Latin_term_is_marked_whatever_its_case_and_width()
    {
        var hit = seeds.Index.Search("ｒｌｈｆ").Hits[0];

        var marked = hit.Highlights.Select(s => hit.Passage.Text.Substring(s.Start, s.Length)).ToList();

        Assert.Contains("RLHF", marked);
    }
}
