using System.Text.RegularExpressions;
using Bot.Search.Corpus;
using Bot.Search.Tests.Support;

namespace Bot.Search.Tests;

/// <summary>
/// Speaker turns and question-answer pairs: each passage says who speaks and which turn it is, and an answer
/// comes with the question it answers, question first.
/// </summary>
public partial class StructureTests
{
    private const string Schulman = """
        一次关于后训练的对话
        John Schulman:大家好，我是 John Schulman，很高兴今天能来聊一聊后训练和强化学习。
        Dwarkesh Patel:你是怎么开始研究强化学习的？
        John Schulman:我在读研究生的时候对机器人控制很感兴趣，后来发现强化学习是让机器自己学会控制的最通用的方法，于是就一直做了下来。
        Dwarkesh Patel:后训练到底改变了模型的什么？
        John Schulman:预训练让模型学会模仿互联网上的各种文本，后训练则把它收窄成一个特定的角色，也就是一个乐于助人的聊天助手。
        Dwarkesh Patel:数据墙会不会很快到来？
        John Schulman:我不认为会立刻撞上数据墙，不过随着数据越来越少，训练方法确实需要改变。
        Dwarkesh Patel:最后一个问题，你会给年轻的研究者什么建议？
        John Schulman:多动手做实验，保持好奇心，并且不要害怕去研究那些看起来不时髦的问题。
        """;

    private const string Ilya = """
        Ilya Sutskever 访谈节选
        Dwarkesh Patel (以下称Patel):今天有幸采访到 Ilya Sutskever。你认为通用人工智能什么时候会到来？
        Ilya Sutskever (以下称Ilya):很难给出准确的时间，但我相信进展会比很多人预想的更快。
        Patel :泄露模型权重的风险有多大？
        Ilya:这是一个真实存在的风险，我们必须像保护最重要的机密一样保护模型权重。
        Patel:你怎么看待开源模型？
        Ilya:在能力较弱的时候开源是有益的，但当模型足够强大时，我们需要更加谨慎。
        Patel :最后，你对年轻的研究者有什么建议？
        Ilya:相信自己的直觉，同时要足够努力，结果往往会证明这已经足够了。
        """;

    private static IReadOnlyList<PassageDraft> Passages(string name, string text) => new TranscriptParser().Parse(name, text).Passages;

    private static string LineStartingWith(string text, string start) => text.Split('\n').Single(l => l.StartsWith(start, StringComparison.Ordinal)).Trim();

    [Fact]
    public void Each_interviewer_question_and_its_answer_form_one_passage_question_first()
    {
        var passages = Passages("schulman.txt", Schulman);

        foreach (var (question, answer) in new[]
        {
            ("Dwarkesh Patel:你是怎么开始", "John Schulman:我在读研究生"),
            ("Dwarkesh Patel:后训练到底", "John Schulman:预训练让模型"),
            ("Dwarkesh Patel:数据墙", "John Schulman:我不认为"),
            ("Dwarkesh Patel:最后一个问题", "John Schulman:多动手"),
        })
        {
            var q = LineStartingWith(Schulman, question);
            var a = LineStartingWith(Schulman, answer);
            var passage = Assert.Single(passages, p => p.Text.Contains(a));
            Assert.StartsWith(q, passage.Text);
            Assert.Equal(q.Length, passage.QuestionLength);
            Assert.Equal(q, passage.Text[..passage.QuestionLength]);
            Assert.DoesNotContain(passages, p => p != passage && p.Text.Contains(q));
        }
    }

    [Fact]
    public void Locators_name_the_speakers_and_the_turn_numbers()
    {
        var passages = Passages("schulman.txt", Schulman);

        // Turn 1 is a statement nobody asked for: it stands alone, under its speaker.
        var opening = Assert.Single(passages, p => p.Text.Contains("很高兴今天能来聊一聊"));
        Assert.Contains("John Schulman", opening.Locator);
        Assert.Equal([1], TurnNumbers(opening.Locator));
        Assert.Equal(0, opening.QuestionLength);

        // Turns 4 and 5: Patel asks, Schulman answers.
        var pair = Assert.Single(passages, p => p.Text.Contains("后训练则把它收窄成"));
        Assert.Contains("Dwarkesh Patel", pair.Locator);
        Assert.Contains("John Schulman", pair.Locator);
        Assert.Equal([4, 5], TurnNumbers(pair.Locator));

        var last = Assert.Single(passages, p => p.Text.Contains("多动手做实验"));
        Assert.Equal([8, 9], TurnNumbers(last.Locator));
    }

    [Fact]
    public void Short_names_spaced_colons_and_alias_lines_are_speaker_turns()
    {
        var passages = Passages("ilya.txt", Ilya);

        // "Dwarkesh Patel (以下称Patel):" introduces the Patel of the later turns.
        var first = Assert.Single(passages, p => p.Text.Contains("很难给出准确的时间"));
        Assert.StartsWith("Dwarkesh Patel (以下称Patel):今天有幸", first.Text);
        Assert.True(first.QuestionLength > 0);
        Assert.Contains("Ilya", first.Locator);
        Assert.Equal([1, 2], TurnNumbers(first.Locator));

        // "Patel :" with a space before the colon, answered by "Ilya:".
        var weights = Assert.Single(passages, p => p.Text.Contains("保护最重要的机密"));
        Assert.StartsWith("Patel :泄露模型权重", weights.Text);
        Assert.Equal("Patel :泄露模型权重的风险有多大？".Length, weights.QuestionLength);
        Assert.Contains("Patel", weights.Locator);
        Assert.Contains("Ilya", weights.Locator);
        Assert.Equal([3, 4], TurnNumbers(weights.Locator));

        var advice = Assert.Single(passages, p => p.Text.Contains("相信自己的直觉"));
        Assert.StartsWith("Patel :最后，你对年轻的研究者有什么建议？", advice.Text);
        Assert.Equal([7, 8], TurnNumbers(advice.Locator));
    }

    [Fact]
    public void A_long_answer_is_split_and_every_part_still_shows_its_question_first()
    {
        var sentences = string.Concat(Enumerable.Range(1, 100).Select(i => $"这是回答里的第{i}句话，它解释了奖励模型为什么会被策略钻空子，以及如何发现这种情况。"));
        var transcript = $"""
            长回答
            Dwarkesh Patel:奖励模型为什么会被钻空子？
            John Schulman:{sentences}
            Dwarkesh Patel:那怎么办？
            John Schulman:不断更新比较数据，并且监控模型的行为。
            Dwarkesh Patel:还有别的办法吗？
            John Schulman:可以让多个奖励模型互相检查。
            """;

        var parts = Passages("long.txt", transcript).Where(p => p.Text.Contains("这是回答里的第")).ToList();

        Assert.True(parts.Count >= 3, $"a {sentences.Length}-character answer in {parts.Count} passage(s)");
        Assert.All(parts, p =>
        {
            Assert.StartsWith("Dwarkesh Patel:奖励模型为什么会被钻空子？", p.Text);
            Assert.Equal("Dwarkesh Patel:奖励模型为什么会被钻空子？".Length, p.QuestionLength);
        });
        Assert.Equal(parts.Count, parts.Select(p => p.Locator).Distinct().Count());
        // Every sentence of the answer is in some part.
        var answers = string.Concat(parts.Select(p => p.Text[p.QuestionLength..]));
        for (var i = 1; i <= 40; i++)
            Assert.Contains($"这是回答里的第{i}句话", answers);
    }

    [Fact]
    public void Without_speaker_labels_a_paragraph_ending_in_a_question_mark_is_paired_with_the_next()
    {
        const string question = "很多人都在问，大模型会不会很快用完互联网上的高质量数据？";
        const string answer = "目前看来，数据确实越来越稀缺，但合成数据和更高效的训练方法可以在很大程度上缓解这个问题，所以短期内不必过于担心，研究者们也在积极寻找新的数据来源。";
        const string other = "另一方面，算力的增长仍然非常迅速，新的数据中心不断建成，这意味着同样的数据可以被更充分地利用，模型也能学到更多的东西，这是过去几年里最明显的趋势之一。";
        var passages = Passages("qa.txt", $"关于数据墙的问答\n{question}\n{answer}\n{other}\n");

        var pair = Assert.Single(passages, p => p.Text.Contains(answer));
        Assert.StartsWith(question, pair.Text);
        Assert.Equal(question.Length, pair.QuestionLength);
        Assert.Matches(@"第 1–2 段", pair.Locator);

        var alone = Assert.Single(passages, p => p.Text.Contains(other));
        Assert.Equal(0, alone.QuestionLength);
        Assert.DoesNotContain(question, alone.Text);
    }

    [Fact]
    public void In_the_seeds_every_question_shown_above_an_answer_asks_something_or_is_an_interviewer_turn()
    {
        foreach (var (name, (_, parsed)) in ParsedSeeds.ByName)
        {
            foreach (var passage in parsed.Passages.Where(p => p.QuestionLength > 0))
            {
                var question = passage.Text[..passage.QuestionLength];
                var isTurn = SpeakerLine().IsMatch(question);
                Assert.True(isTurn || question.Contains('？') || question.Contains('?'),
                    $"{name} [{passage.Locator}] shows a statement as the question of an answer: {question}");
            }
        }
    }

    [Fact]
    public void In_the_seed_interviews_every_answer_is_located_by_both_speakers_and_turns()
    {
        foreach (var prefix in new[] { "000", "004" })
        {
            var parsed = ParsedSeeds.ByName[Repo.SeedName(prefix)].Parsed;
            var pairs = parsed.Passages.Where(p => p.QuestionLength > 0).ToList();
            Assert.True(pairs.Count >= 30, $"{prefix}: only {pairs.Count} question-answer passages");
            Assert.All(pairs, p =>
            {
                Assert.Matches(@"(Patel|Ilya|Schulman).*(Patel|Ilya|Schulman)", p.Locator);
                Assert.Equal(2, TurnNumbers(p.Locator).Count);
            });
        }
    }

    /// <summary>The turn numbers a locator names: "第 4–5 轮" gives 4 and 5.</summary>
    private static List<int> TurnNumbers(string locator)
    {
        var m = TurnPattern().Match(locator);
        Assert.True(m.Success, $"no turn number in locator '{locator}'");
        return m.Groups[2].Success ? [int.Parse(m.Groups[1].Value), int.Parse(m.Groups[2].Value)] : [int.Parse(m.Groups[1].Value)];
    }

    [GeneratedRegex(@"第 (\d+)(?:–(\d+))? 轮")]
    private static partial Regex TurnPattern();

    [GeneratedRegex(@"^[A-Z][A-Za-z ]*(\s*[(（][^)）]*[)）])?\s*[:：]")]
    private static partial Regex SpeakerLine();
}
