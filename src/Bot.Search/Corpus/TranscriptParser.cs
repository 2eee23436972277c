namespace Bot.Search.Corpus;

/// <summary>
/// Reads one transcript's text into passages: lines, structure (title, source address, speakers),
/// furniture removed, then turns, paragraphs, subtitle lines or cues joined and split into passages.
/// </summary>
public sealed class TranscriptParser(PassageOptions? options = null)
{
    private const int TitleLength = 40;

    private readonly PassageBuilder builder = new(options ?? PassageOptions.Default);

    private static readonly HashSet<string> Extensions = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { ".txt", ".md", ".srt", ".vtt" };

    /// <summary>The transcripts under a folder, in ordinal order: known extensions, not hidden, not dot-files.</summary>
    public static IReadOnlyList<string> FilesIn(string folder) =>
        Directory.EnumerateFiles(folder, "*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.Hidden | FileAttributes.System })
            .Where(f => Extensions.Contains(Path.GetExtension(f)) && !Path.GetFileName(f).StartsWith('.'))
            .Order(StringComparer.Ordinal)
            .ToList();

    public ParsedTranscript Parse(string fileName, string text)
    {
        var extension = Path.GetExtension(fileName);
        var rawLines = text.Replace("\r\n", "\n").Replace('\r', '\n').Split('\n');
        var url = SourceUrlFinder.Find(rawLines);

        if (extension.Equals(".srt", StringComparison.OrdinalIgnoreCase) || extension.Equals(".vtt", StringComparison.OrdinalIgnoreCase))
        {
            var cues = SubtitleParser.Parse(text);
            var passages = builder.FromCues(cues);
            return new ParsedTranscript(FallbackTitle(fileName, passages), url, passages, Quality: 1);
        }

        var lines = ToLines(rawLines, extension.Equals(".md", StringComparison.OrdinalIgnoreCase));
        var speakers = SpeakerLabels.Find(lines);
        var shortLinesAreBody = speakers.Count == 0 && MostlyShortLines(lines);
        var (kept, title) = BoilerplateStripper.Strip(lines, speakers.Keys.ToHashSet(), shortLinesAreBody);
        var drafts = shortLinesAreBody ? builder.FromShortLines(lines, kept) : builder.FromParagraphs(lines, kept, speakers);
        title = title is null ? FallbackTitle(fileName, drafts) : PassageBuilder.HeadingText(title);
        return new ParsedTranscript(title, url, drafts, Quality(lines, kept, speakers.Count > 0));
    }

    private static List<SourceLine> ToLines(string[] rawLines, bool markdown)
    {
        var lines = new List<SourceLine>(rawLines.Length);
        var inFence = false;
        var blankBefore = false;
        for (var i = 0; i < rawLines.Length; i++)
        {
            var (isHeading, isListItem) = (false, false);
            var text = markdown ? MarkdownText.Clean(rawLines[i], ref inFence, out isHeading, out isListItem) : rawLines[i];
            text = text?.Trim().Trim('\u3000');
            if (string.IsNullOrEmpty(text))
            {
                blankBefore = true;
                continue;
            }
            lines.Add(new SourceLine(i + 1, text, isHeading, blankBefore) { IsListItem = isListItem });
            blankBefore = false;
        }
        return lines;
    }

    /// <summary>Subtitle-like text: most lines are short and do not end like sentences.</summary>
    private static bool MostlyShortLines(IReadOnlyList<SourceLine> lines)
    {
        if (lines.Count < 10)
            return false;
        var shortLines = lines.Count(l => l.Text.Length <= 30);
        var sentences = lines.Count(l => LineShape.EndsSentence(l.Text));
        return shortLines >= lines.Count * 0.6 && sentences <= lines.Count * 0.3;
    }

    /// <summary>Structure found and little furniture removed make a cleaner text.</summary>
    private static double Quality(IReadOnlyList<SourceLine> lines, IReadOnlyList<int> kept, bool hasSpeakers)
    {
        var total = lines.Sum(l => l.Text.Length);
        var keptLength = kept.Sum(i => lines[i].Text.Length);
        var clean = total == 0 ? 1 : (double)keptLength / total;
        return 0.7 * clean + (hasSpeakers ? 0.3 : 0);
    }

    private static string FallbackTitle(string fileName, IReadOnlyList<PassageDraft> passages)
    {
        if (passages.Count == 0)
            return Path.GetFileNameWithoutExtension(fileName);
        var first = SentenceSplitter.Split(passages[0].Text)[0].Trim();
        return first.Length <= TitleLength ? first.TrimEnd('。', '，', ',', '.') : first[..TitleLength] + "…";
    }
}
