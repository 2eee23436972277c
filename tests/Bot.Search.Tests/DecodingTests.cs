using System.Text;
using Bot.Search.Corpus;
using Bot.Search.Ranking;
using Bot.Search.Tests.Support;
using Microsoft.Extensions.Logging;

namespace Bot.Search.Tests;

/// <summary>
/// Every encoding a Chinese transcript arrives in reads as the same text; what is not text is refused with a
/// reason, and in a corpus folder such files are skipped while the others are still indexed.
/// </summary>
public class DecodingTests
{
    private const string Simplified =
        "大模型的预训练到底在学什么？\n本质上是在训练模型模仿互联网上的文本，John Schulman 这样解释。\n后训练让它成为一个有用的聊天助手，这一步用到了 RLHF 和 PPO。\n";

    private const string Traditional =
        "為什麼離開了這個團隊？他說，他想專注於對齊研究，這是一個很重要的問題。\n我們應該如何訓練模型，讓它們理解人類的價值觀？\n";

    static DecodingTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static TheoryData<string> UnicodeAndGbForms => ["UTF-8", "UTF-8 BOM", "UTF-16LE", "UTF-16LE BOM", "UTF-16BE", "UTF-16BE BOM", "GB18030"];

    internal static byte[] Encode(string text, string form) => form switch
    {
        "UTF-8" => new UTF8Encoding(false).GetBytes(text),
        "UTF-8 BOM" => [0xEF, 0xBB, 0xBF, .. new UTF8Encoding(false).GetBytes(text)],
        "UTF-16LE" => new UnicodeEncoding(false, false).GetBytes(text),
        "UTF-16LE BOM" => [0xFF, 0xFE, .. new UnicodeEncoding(false, false).GetBytes(text)],
        "UTF-16BE" => new UnicodeEncoding(true, false).GetBytes(text),
        "UTF-16BE BOM" => [0xFE, 0xFF, .. new UnicodeEncoding(true, false).GetBytes(text)],
        "GB18030" => Encoding.GetEncoding(54936).GetBytes(text),
        "Big5" => Encoding.GetEncoding(950).GetBytes(text),
        _ => throw new ArgumentOutOfRangeException(nameof(form)),
    };

    [Theory]
    [MemberData(nameof(UnicodeAndGbForms))]
    public void A_short_Chinese_text_reads_the_same_in_every_encoding(string form)
    {
        var result = TranscriptDecoder.Decode(Encode(Simplified, form));

        Assert.True(result.IsSuccess, $"{form}: {result.Error}");
        Assert.Equal(Simplified, result.Text);
    }

    [Theory]
    [MemberData(nameof(UnicodeAndGbForms))]
    public void Every_seed_transcript_reads_the_same_in_every_encoding(string form)
    {
        foreach (var seed in Repo.SeedFiles())
        {
            var text = File.ReadAllText(seed, Encoding.UTF8);
            var result = TranscriptDecoder.Decode(Encode(text, form));
            Assert.True(result.IsSuccess, $"{Path.GetFileName(seed)} as {form}: {result.Error}");
            Assert.True(text == result.Text, $"{Path.GetFileName(seed)} as {form} decoded to different text ({result.Encoding})");
        }
    }

    [Theory]
    [InlineData("Big5")]
    [InlineData("UTF-8")]
    [InlineData("UTF-16LE")]
    [InlineData("UTF-16BE BOM")]
    public void A_traditional_Chinese_text_reads_the_same_in_Big5_and_in_Unicode(string form)
    {
        var result = TranscriptDecoder.Decode(Encode(Traditional, form));

        Assert.True(result.IsSuccess, $"{form}: {result.Error}");
        Assert.Equal(Traditional, result.Text);
    }

    [Fact]
    public void Random_binary_bytes_are_refused_as_binary()
    {
        var bytes = new byte[8192];
        new Random(7).NextBytes(bytes);

        var result = TranscriptDecoder.Decode(bytes);

        Assert.False(result.IsSuccess);
        Assert.Null(result.Text);
        Assert.Contains("binary", result.Error, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Random_bytes_without_any_zero_byte_are_refused_with_a_reason()
    {
        var bytes = new byte[8192];
        new Random(11).NextBytes(bytes);
        for (var i = 0; i < bytes.Length; i++)
            bytes[i] = bytes[i] == 0 ? (byte)0x9F : bytes[i];

        var result = TranscriptDecoder.Decode(bytes);

        Assert.False(result.IsSuccess);
        Assert.False(string.IsNullOrWhiteSpace(result.Error));
    }

    [Fact]
    public void A_picture_saved_with_a_transcript_extension_is_refused_as_binary()
    {
        var result = TranscriptDecoder.Decode(FakePng());

        Assert.False(result.IsSuccess);
        Assert.Contains("binary", result.Error, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("middle")]
    [InlineData("padding")]
    public void Text_with_NUL_bytes_in_it_is_refused_with_a_reason(string where)
    {
        var text = new UTF8Encoding(false).GetBytes(File.ReadAllText(Repo.Seed("000")));
        byte[] bytes = where == "middle"
            ? [.. text[..1000], 0, 0, 0, 0, .. text[1000..]]
            : [.. text, .. new byte[4096]];

        var result = TranscriptDecoder.Decode(bytes);

        Assert.False(result.IsSuccess);
        Assert.Contains("NUL", result.Error);
    }

    [Fact]
    public void A_GB18030_file_behind_a_UTF8_byte_order_mark_is_refused_naming_the_encoding_it_claims()
    {
        var result = TranscriptDecoder.Decode(MisEncoded());

        Assert.False(result.IsSuccess);
        Assert.Contains("UTF-8", result.Error);
    }

    [Fact]
    public void UTF8_text_with_corrupted_bytes_is_refused()
    {
        var bytes = new UTF8Encoding(false).GetBytes(Simplified + Simplified);
        for (var i = 5; i < bytes.Length; i += 7)
            bytes[i] = 0xFF;

        var result = TranscriptDecoder.Decode(bytes);

        Assert.False(result.IsSuccess);
        Assert.False(string.IsNullOrWhiteSpace(result.Error));
    }

    [Fact]
    public void Japanese_Shift_JIS_text_is_refused_rather_than_read_as_garbled_Chinese()
    {
        var bytes = Encoding.GetEncoding(932).GetBytes("人工知能について話しましょう。大規模言語モデルはインターネットの文章を学習します。それは本当に驚くべきことです。");

        var result = TranscriptDecoder.Decode(bytes);

        Assert.False(result.IsSuccess, $"decoded as {result.Encoding}: {result.Text}");
    }

    [Fact]
    public void Korean_EUC_KR_text_is_refused_rather_than_read_as_garbled_Chinese()
    {
        // EUC-KR's Hangul bytes fall on GB2312's most common Hanzi, so this decodes as GB18030 into common characters.
        var bytes = Encoding.GetEncoding(51949).GetBytes(string.Concat(Enumerable.Repeat(
            "인공지능에 대해 이야기해 봅시다. 대규모 언어 모델은 인터넷의 글을 학습합니다. 그것은 정말 놀라운 일입니다. ", 6)));

        var result = TranscriptDecoder.Decode(bytes);

        Assert.False(result.IsSuccess, $"decoded as {result.Encoding}: {result.Text?[..Math.Min(30, result.Text.Length)]}");
        Assert.False(string.IsNullOrWhiteSpace(result.Error));
    }

    [Fact]
    public void In_a_corpus_folder_binary_and_mis_encoded_files_are_skipped_by_name_and_the_others_are_indexed()
    {
        using var corpus = new TempCorpus();
        corpus.WriteBytes("utf8.txt", Encode("第一份稿子\n这份稿子讨论了蒸馏模型如何从教师模型学习，并且解释了温度参数的作用。\n", "UTF-8"));
        corpus.WriteBytes("gbk.txt", Encode("第二份稿子\n这份稿子讨论了量子退火算法如何寻找能量最低的状态，并且比较了模拟退火。\n", "GB18030"));
        corpus.WriteBytes("utf16.txt", Encode("第三份稿子\n这份稿子讨论了光刻机的工作原理，以及极紫外光源为什么难以制造。\n", "UTF-16LE"));
        corpus.WriteBytes("big5.txt", Encode(Traditional, "Big5"));
        corpus.WriteBytes("picture.txt", FakePng());
        corpus.WriteBytes("broken.txt", MisEncoded());

        var index = corpus.Open();
        var report = index.Update();

        Assert.Equal(["big5.txt", "gbk.txt", "utf16.txt", "utf8.txt"], report.Added.Order(StringComparer.Ordinal));
        Assert.Equal(["broken.txt", "picture.txt"], report.Skipped.Select(s => s.Source).Order(StringComparer.Ordinal));
        Assert.All(report.Skipped, s => Assert.False(string.IsNullOrWhiteSpace(s.Reason)));
        Assert.Contains("binary", report.Skipped.Single(s => s.Source == "picture.txt").Reason, StringComparison.OrdinalIgnoreCase);
        // One line per skipped file, naming it, for the operator.
        var warnings = corpus.Log.Entries.Where(e => e.Level == LogLevel.Warning).Select(e => e.Message).ToList();
        Assert.Single(warnings, w => w.Contains("picture.txt"));
        Assert.Single(warnings, w => w.Contains("broken.txt"));

        Assert.Equal("utf8.txt", TopSource(index, "蒸馏模型 教师模型"));
        Assert.Equal("gbk.txt", TopSource(index, "量子退火"));
        Assert.Equal("utf16.txt", TopSource(index, "光刻机 极紫外光源"));
        Assert.Equal("big5.txt", TopSource(index, "为什么离开这个团队"));
        Assert.DoesNotContain(index.Documents, d => d.Source is "picture.txt" or "broken.txt");
    }

    [Fact]
    public void A_file_that_becomes_unreadable_is_skipped_and_its_old_passages_are_removed()
    {
        using var corpus = new TempCorpus();
        corpus.Write("good.txt", "稿子\n这份稿子讨论了蒸馏模型如何从教师模型学习，并且解释了温度参数的作用。\n");
        corpus.Write("later-broken.txt", "稿子\n这份稿子讨论了量子退火算法如何寻找能量最低的状态，并且比较了模拟退火。\n");
        var index = corpus.OpenUpdated();
        Assert.Equal("later-broken.txt", TopSource(index, "量子退火"));

        corpus.WriteBytes("later-broken.txt", FakePng());
        var report = index.Update();

        Assert.Contains(report.Skipped, s => s.Source == "later-broken.txt");
        Assert.Empty(index.Search("量子退火").Hits);
        Assert.Equal("good.txt", TopSource(index, "蒸馏模型"));
    }

    private static string? TopSource(SearchIndex index, string question) =>
        index.Search(question, new SearchOptions { Limit = 1 }).Hits.FirstOrDefault()?.Passage.Source;

    /// <summary>A PNG header and chunk structure around random pixel data.</summary>
    private static byte[] FakePng()
    {
        var data = new byte[6000];
        new Random(3).NextBytes(data);
        byte[] header = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52, 0, 0, 1, 0, 0, 0, 1, 0, 8, 6, 0, 0, 0];
        return [.. header, .. data];
    }

    /// <summary>GB18030 bytes behind a UTF-8 byte order mark: an editor's mistake.</summary>
    private static byte[] MisEncoded() => [0xEF, 0xBB, 0xBF, .. Encode(Simplified, "GB18030")];
}
