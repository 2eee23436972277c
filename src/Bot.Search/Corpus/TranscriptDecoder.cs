using System.Text;

namespace Bot.Search.Corpus;

/// <summary>
/// Turns the bytes of a transcript into text: UTF-8 (with or without BOM), UTF-16 (either byte order,
/// with or without BOM), GB18030/GBK and Big5. Binary files and text in no plausible encoding are refused
/// with a reason a person can act on.
/// </summary>
public static class TranscriptDecoder
{
    private const int SampleBytes = 64 * 1024;

    static TranscriptDecoder() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static DecodeResult Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
            return Strict(new UTF8Encoding(false, true), bytes[3..], "UTF-8 (BOM)");
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
            return Strict(new UnicodeEncoding(false, false, true), bytes[2..], "UTF-16LE (BOM)");
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
            return Strict(new UnicodeEncoding(true, false, true), bytes[2..], "UTF-16BE (BOM)");
        if (bytes.IsEmpty)
            return DecodeResult.Success("", "empty");

        var sample = bytes[..Math.Min(bytes.Length, SampleBytes)];
        if (LooksLikeUtf16(sample, out var bigEndian))
            return Strict(new UnicodeEncoding(bigEndian, false, true), bytes, bigEndian ? "UTF-16BE" : "UTF-16LE");
        if (sample.Contains((byte)0))
            return Utf16ByContent(bytes) ?? DecodeResult.Failure("binary data (NUL bytes), not a text transcript");

        string? best = null;
        string? bestName = null;
        var bestScore = 0.0;
        foreach (var (encoding, name) in Candidates())
        {
            if (!TryStrict(encoding, bytes, out var text))
                continue;
            var score = TextPlausibility.Score(text);
            if (name == "UTF-8" && score >= TextPlausibility.Threshold)
                return DecodeResult.Success(text, name);
            if (score > bestScore)
                (best, bestName, bestScore) = (text, name, score);
        }
        return best is not null && bestScore >= TextPlausibility.Threshold
            ? DecodeResult.Success(best, bestName!)
            : DecodeResult.Failure("not valid UTF-8, UTF-16, GB18030 or Big5 text (binary or an unsupported encoding)");
    }

    private static IEnumerable<(Encoding, string)> Candidates()
    {
        yield return (new UTF8Encoding(false, true), "UTF-8");
        yield return (Encoding.GetEncoding(54936, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback), "GB18030");
        yield return (Encoding.GetEncoding(950, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback), "Big5");
    }

    private static DecodeResult Strict(Encoding encoding, ReadOnlySpan<byte> bytes, string name)
    {
        if (!TryStrict(encoding, bytes, out var text))
            return DecodeResult.Failure($"declares {name} by its byte order mark but is not valid {name}");
        return TextPlausibility.Score(text) >= TextPlausibility.Threshold
            ? DecodeResult.Success(text, name)
            : DecodeResult.Failure($"decodes as {name} but is not readable text (binary or mis-encoded)");
    }

    private static bool TryStrict(Encoding encoding, ReadOnlySpan<byte> bytes, out string text)
    {
        try
        {
            text = encoding.GetString(bytes);
            return true;
        }
        catch (DecoderFallbackException)
        {
            text = "";
            return false;
        }
    }

    /// <summary>
    /// UTF-16 without a byte order mark and with little ASCII (Chinese text, whose zero bytes are too few for
    /// <see cref="LooksLikeUtf16"/>): the byte order in which the bytes read as plausible text, if either does.
    /// Read in the wrong order, ASCII and Chinese characters scatter over other scripts.
    /// </summary>
    private static DecodeResult? Utf16ByContent(ReadOnlySpan<byte> bytes)
    {
        DecodeResult? best = null;
        var bestShare = -1.0;
        foreach (var bigEndian in (ReadOnlySpan<bool>)[false, true])
        {
            if (!TryStrict(new UnicodeEncoding(bigEndian, false, true), bytes, out var text) || TextPlausibility.Score(text) < TextPlausibility.Threshold)
                continue;
            var share = text.Count(c => c < 0x80 || IsCjk(c) || c is >= '\u3000' and <= '\u303F' or >= '\uFF00' and <= '\uFFEF' or >= '\u2010' and <= '\u2027')
                / (double)Math.Max(1, text.Length);
            if (share > bestShare)
                (best, bestShare) = (DecodeResult.Success(text, bigEndian ? "UTF-16BE" : "UTF-16LE"), share);
        }
        return best;
    }

    /// <summary>
    /// UTF-16 without a byte order mark: text with any ASCII in it (line breaks at least) has a zero byte in
    /// every other position, and almost none in the others.
    /// </summary>
    private static bool LooksLikeUtf16(ReadOnlySpan<byte> sample, out bool bigEndian)
    {
        bigEndian = false;
        if (sample.Length < 4 || sample.Length % 2 != 0 && sample.Length < SampleBytes)
            return false;
        int evenZeros = 0, oddZeros = 0, pairs = sample.Length / 2;
        for (var i = 0; i + 1 < sample.Length; i += 2)
        {
            if (sample[i] == 0) evenZeros++;
            if (sample[i + 1] == 0) oddZeros++;
        }
        if (oddZeros > pairs / 10 && evenZeros < pairs / 100)
            return true;
        if (evenZeros > pairs / 10 && oddZeros < pairs / 100)
        {
            bigEndian = true;
            return true;
        }
        return false;
    }

    /// <summary>Han ideographs, kana and hangul.</summary>
    private static bool IsCjk(char c) =>
        c is >= '\u4E00' and <= '\u9FFF' or >= '\u3400' and <= '\u4DBF' or >= '\u3040' and <= '\u30FF' or >= '\uAC00' and <= '\uD7AF' or >= '\uF900' and <= '\uFAFF';
}

public sealed record DecodeResult(string? Text, string Encoding, string? Error)
{
    public bool IsSuccess => Text is not null;

    public static DecodeResult Success(string text, string encoding) => new(text, encoding, null);

    public static DecodeResult Failure(string error) => new(null, "", error);
}
