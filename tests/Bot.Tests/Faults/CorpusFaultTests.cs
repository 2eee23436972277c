using System.Text;
using Bot.Tests.Infrastructure;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace Bot.Tests.Faults;

/// <summary>
/// Transcripts misbehave while the bot serves: one keeps growing while the watcher reads it, one is deleted while the
/// folder is being indexed, one is 50 MB (over Corpus:MaxFileMegabytes), one is binary, some are in encodings the bot
/// does not read (Shift-JIS, EUC-KR, Latin-1). The others keep being served and questions keep being answered.
/// </summary>
public sealed class CorpusFaultTests(ShortTimingsFixture fixture, ITestOutputHelper output) : IClassFixture<ShortTimingsFixture>
{
    private static readonly UTF8Encoding Utf8 = new(false);

    private BotUnderTest Bot => fixture.Bot;

    private string CorpusFile(string name) => Path.Combine(Bot.CorpusPath, name);

    /// <summary>
    /// Transcripts a test added are removed before the next test asks: these are copies of a seed, and answers given
    /// while the index drops them would not match what the index finds a moment later.
    /// </summary>
    private async Task DeleteAndWaitUntilDroppedAsync(IEnumerable<string> names)
    {
        var gone = names.ToHashSet();
        foreach (var name in gone)
            File.Delete(CorpusFile(name));
        Assert.True(await BotUnderTest.EventuallyAsync(() => !Bot.Index.Documents.Any(d => gone.Contains(d.Source))),
            "the index kept transcripts that were deleted");
    }

    [Fact]
    public async Task A_transcript_appended_to_while_the_watcher_indexes_it_ends_up_indexed_whole()
    {
        var errors = Bot.Log.Count(l => l.Level >= LogLevel.Error);
        var asker = Asker.Start(Bot, TimeSpan.FromMilliseconds(200));
        var path = CorpusFile("zz_growing.txt");
        await File.WriteAllTextAsync(path, "琥珀灯塔守夜人访谈\n\n", Utf8);
        for (var i = 1; i <= 40; i++)
        {
            await File.AppendAllTextAsync(path, $"主持人：第{i}个夜晚发生了什么？\n守夜人：第{i}个夜晚，我把第{i}盏铜灯擦亮，又数了一遍海鸥。\n\n", Utf8);
            await Task.Delay(50);
        }
        await File.AppendAllTextAsync(path, "主持人：最后一个夜晚呢？\n守夜人：最后一个夜晚，我在灯塔顶上看见了一只会唱歌的紫色鹦鹉螺。\n", Utf8);

        Assert.True(await BotUnderTest.EventuallyAsync(() => Bot.Index.Search("会唱歌的紫色鹦鹉螺").Hits.Any(h => h.Passage.Source == "zz_growing.txt")),
            "the last lines appended were never indexed");
        var asked = await asker.StopAsync();
        var document = Bot.Index.Documents.Single(d => d.Source == "zz_growing.txt");
        output.WriteLine($"indexed with {document.Passages} passages; {Bot.Log.Count(l => l.Message.StartsWith("Index updated", StringComparison.Ordinal))} index updates so far");
        await Bot.AssertEachAnsweredOnceAsync(asked, output, what: "questions while a transcript grew for 2 s");
        Assert.Equal(errors, Bot.Log.Count(l => l.Level >= LogLevel.Error));
    }

    [Fact]
    public async Task A_transcript_deleted_while_the_folder_is_being_indexed_is_dropped_and_the_others_are_served()
    {
        var asker = Asker.Start(Bot, TimeSpan.FromMilliseconds(200));
        var seed = await File.ReadAllTextAsync(Directory.GetFiles(Repo.Seeds).Order().First());
        var names = Enumerable.Range(1, 20).Select(i => $"zz_batch_{i:00}.txt").ToList();
        foreach (var (name, i) in names.Select((n, i) => (n, i)))
            await File.WriteAllTextAsync(CorpusFile(name), seed.Replace("。", $"（批{i}）。"), Utf8);
        // The watcher settles for 0.4 s, then reads and analyses all twenty: pull one away under it.
        await Task.Delay(500);
        File.Delete(CorpusFile(names[7]));

        Assert.True(await BotUnderTest.EventuallyAsync(() =>
        {
            var sources = Bot.Index.Documents.Select(d => d.Source).ToHashSet();
            return !sources.Contains(names[7]) && names.Where(n => n != names[7]).All(sources.Contains);
        }), "the index did not settle on the nineteen remaining transcripts");
        var asked = await asker.StopAsync();
        await Bot.AssertEachAnsweredOnceAsync(asked, output, what: "questions while a transcript was deleted mid-indexing");
        await DeleteAndWaitUntilDroppedAsync(names.Where(n => n != names[7]));
    }

    [Fact]
    public async Task A_50_MB_transcript_over_the_limit_is_skipped_with_a_clear_log_line_and_the_others_are_served()
    {
        var asker = Asker.Start(Bot, TimeSpan.FromMilliseconds(200));
        await WriteLargeAsync(CorpusFile("zz_huge.txt"), 50);

        var skipped = await Bot.Log.WaitForAsync(l => l.Message.StartsWith("Skipped zz_huge.txt", StringComparison.Ordinal));
        output.WriteLine(skipped.ToString());
        Assert.Equal(LogLevel.Warning, skipped.Level);
        Assert.Contains("larger than 16 MB (Corpus:MaxFileMegabytes)", skipped.Message);
        var asked = await asker.StopAsync();
        Assert.DoesNotContain(Bot.Index.Documents, d => d.Source == "zz_huge.txt");
        Assert.True(Bot.Index.Documents.Count >= Repo.SeedFiles.Count);
        await Bot.AssertEachAnsweredOnceAsync(asked, output, what: "questions while a 50 MB transcript arrived");
        File.Delete(CorpusFile("zz_huge.txt"));
    }

    [Theory]
    [InlineData("zz_binary_nul.txt", "binary data (NUL bytes)")]
    [InlineData("zz_binary_noise.txt", "not valid UTF-8, UTF-16, GB18030 or Big5")]
    public async Task A_binary_file_is_skipped_with_a_clear_log_line_and_the_others_are_served(string name, string reason)
    {
        var bytes = new byte[64 * 1024];
        new Random(name.Length).NextBytes(bytes);
        if (name.Contains("noise", StringComparison.Ordinal))
            bytes = bytes.Select(b => b == 0 ? (byte)0xFF : b).ToArray();
        await File.WriteAllBytesAsync(CorpusFile(name), bytes);

        var skipped = await Bot.Log.WaitForAsync(l => l.Message.StartsWith($"Skipped {name}", StringComparison.Ordinal));
        output.WriteLine(skipped.ToString());
        Assert.Contains(reason, skipped.Message);
        Assert.DoesNotContain(Bot.Index.Documents, d => d.Source == name);
        var question = FaultChecks.Question(BotUnderTest.NewId(), "Schulman 发明了哪些强化学习算法");
        var answer = await Bot.AskAsync(question);
        AnswerChecks.AssertAnswer(Bot, FaultChecks.Asked(question), answer.Embed);
        File.Delete(CorpusFile(name));
    }

    [Theory]
    [InlineData("shift_jis", "zz_japanese_sjis.txt", "灯台守へのインタビュー\n\n司会：毎晩なにをしていますか？\n灯台守：毎晩十時に、琥珀色のレンズに薄荷油を塗っています。海霧の塩がレンズに固まらないようにするためです。\n")]
    [InlineData("euc-kr", "zz_korean_euckr.txt", "등대지기 인터뷰\n\n사회자: 매일 밤 무엇을 하십니까?\n등대지기: 매일 밤 열 시에 호박색 렌즈에 박하유를 바릅니다. 바다 안개의 소금이 렌즈에 굳지 않도록 하기 위해서입니다.\n")]
    [InlineData("iso-8859-1", "zz_french_latin1.txt", "Entretien avec le gardien du phare\n\nAnimateur : Que faites-vous chaque soir ?\nGardien : Chaque soir à dix heures, j'enduis la lentille ambrée d'huile de menthe, pour que le sel du brouillard marin n'y cristallise pas. Élégant, n'est-ce pas ? Déjà l'été.\n")]
    public async Task A_transcript_in_an_unexpected_encoding_is_skipped_and_never_stops_the_others(string encoding, string name, string text)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var errors = Bot.Log.Count(l => l.Level >= LogLevel.Error);
        await File.WriteAllBytesAsync(CorpusFile(name), Encoding.GetEncoding(encoding).GetBytes(text));

        // Either outcome ends the wait: skipped with a line naming it, or (wrongly) indexed.
        await BotUnderTest.EventuallyAsync(() =>
            Bot.Log.Lines.Any(l => l.Message.StartsWith($"Skipped {name}", StringComparison.Ordinal)) || Bot.Index.Documents.Any(d => d.Source == name));
        var skipped = Bot.Log.Lines.LastOrDefault(l => l.Message.StartsWith($"Skipped {name}", StringComparison.Ordinal));
        var indexed = Bot.Index.Documents.FirstOrDefault(d => d.Source == name);
        output.WriteLine(skipped is not null ? $"{encoding}: {skipped.Message}" : $"{encoding}: indexed as \"{indexed?.Title}\" with {indexed?.Passages} passages");
        // Skipped with a reason that names the file; never read as garbled Chinese.
        Assert.True(skipped is not null, $"{name} was not reported as skipped (indexed: {indexed?.Title})");
        Assert.Null(indexed);
        var question = FaultChecks.Question(BotUnderTest.NewId(), "Schulman 发明了哪些强化学习算法");
        var answer = await Bot.AskAsync(question);
        AnswerChecks.AssertAnswer(Bot, FaultChecks.Asked(question), answer.Embed);
        Assert.Equal(errors, Bot.Log.Count(l => l.Level >= LogLevel.Error));
        File.Delete(CorpusFile(name));
    }

    /// <summary>
    /// A UTF-8 transcript of about <paramref name="megabytes"/> MB (the seeds over and over), written next to the corpus
    /// and moved in whole, as an operator copying a finished file would.
    /// </summary>
    internal static async Task WriteLargeAsync(string path, int megabytes)
    {
        var seeds = Directory.GetFiles(Repo.Seeds).Order().Select(File.ReadAllText).ToList();
        var staging = Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(path))!, Path.GetFileName(path) + ".part");
        await using (var writer = new StreamWriter(staging, append: false, new UTF8Encoding(false)))
        {
            long written = 0;
            while (written < megabytes * 1024L * 1024L)
            {
                foreach (var seed in seeds)
                {
                    await writer.WriteAsync(seed);
                    await writer.WriteAsync("\n\n");
                    written += Encoding.UTF8.GetByteCount(seed) + 2;
                }
            }
        }
        File.Move(staging, path, overwrite: true);
    }
}
