using Bot.Benchmarking;

namespace Bot.Tests;

/// <summary>What <c>bench --questions</c> times: every question of every file given, each once.</summary>
public sealed class BenchQuestionsTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("bot-bench-questions-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void Eval_sets_and_plain_files_give_their_questions_once_without_comments_or_blank_lines()
    {
        var tsv = Write("set.tsv", "# id\tquestion\tgolds", "a1\t为什么离职\t加入Anthropic", "", "a2\t导师是谁\tPieter Abbeel|Abbeel\tfile.txt");
        var txt = Write("offtopic.txt", "今天天气怎么样", "  ", "为什么离职", "# a note");

        var questions = BenchQuestions.Load([tsv, txt]);

        Assert.Equal(["为什么离职", "导师是谁", "今天天气怎么样"], questions);
    }

    private string Write(string name, params string[] lines)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllLines(path, lines);
        return path;
    }
}
