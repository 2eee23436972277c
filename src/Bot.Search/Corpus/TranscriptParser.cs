namespace Bot.Search.Corpus;

/// <summary>
/// Reads one transcript's text into passages: lines, structure (title, source address, speakers),
/// furniture removed, then turns, paragraphs, subtitle lines or cues joined and split into passages.
/// </summary>
public sealed class TranscriptParser(PassageOptions? options = null)
{
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
        var credit = TranscriptTitle.Credit(rawLines.Where(l => l.Length > 0));
        var isMarkdown = extension.Equals(".md", StringComparison.OrdinalIgnoreCase);
        var declared = TranscriptTitle.Declared(rawLines, isMarkdown);

        if (extension.Equals(".srt", StringComparison.OrdinalIgnoreCase) || extension.Equals(".vtt", StringComparison.OrdinalIgnoreCase))
        {
            var cues = SubtitleParser.Parse(string.Join('\n', rawLines));
            credit ??= TranscriptTitle.Credit(cues.Select(c => c.Text));
            var passages = Credited(builder.FromCues(cues), credit);
            return new ParsedTranscript(declared ?? FallbackTitle(fileName, passages), url, passages, Quality: 1);
        }

        var lines = ToLines(rawLines, isMarkdown);
        var speakers = SpeakerLabels.Find(lines);
        var shortLinesAreBody = speakers.Count == 0 && MostlyShortLines(lines);
        // The first line cannot be a title (a greeting, a date, a menu), nor the heading-shaped line after the furniture.
        var refused = lines.Count > 0 && TranscriptTitle.IsNotATitle(lines[0].Text);
        var (kept, title) = BoilerplateStripper.Strip(lines, speakers.Keys.ToHashSet(), shortLinesAreBody,
            line => declared is null && Allowed(line));
        var drafts = Credited(shortLinesAreBody ? builder.FromShortLines(lines, kept) : builder.FromParagraphs(lines, kept, speakers), credit);
        title = declared
            ?? (title is not null ? PassageBuilder.HeadingText(title)
            : refused ? SubjectTitle(fileName, drafts)
            : FallbackTitle(fileName, drafts));
        return new ParsedTranscript(title, url, drafts, Quality(lines, kept, speakers.Count > 0));

        bool Allowed(string line)
        {
            var notATitle = TranscriptTitle.IsNotATitle(line);
            refused |= notATitle;
            return !notATitle;
        }
    }

    /// <summary>The channel and host a transcript names, before every passage's locator: "最佳拍档 · 大飞 · 第 3–8 行".</summary>
    private static List<PassageDraft> Credited(List<PassageDraft> passages, string? credit) =>
        credit is null ? passages : passages.Select(p => p with { Locator = $"{credit} · {p.Locator}" }).ToList();

    private static List<SourceLine> ToLines(string[] rawLines, bool markdown)
    {
        var lines = new List<SourceLine>(rawLines.Length);
        var inFence = false;
        var blankBefore = false;
        var timed = TimeMarks.AreUsed(rawLines);
        for (var i = 0; i < rawLines.Length; i++)
        {
            var (isHeading, isListItem) = (false, false);
            var text = markdown ? MarkdownText.Clean(rawLines[i], ref inFence, out isHeading, out isListItem) : rawLines[i];
            text = text?.Trim().Trim('\u3000');
            TimeSpan? time = null;
            if (timed && text is not null && TimeMarks.Take(text) is { } mark)
                (time, text) = (mark.Time, mark.Text);
            if (string.IsNullOrEmpty(text))
            {
                blankBefore = true;
                continue;
            }
            lines.Add(new SourceLine(i + 1, text, isHeading, blankBefore) { IsListItem = isListItem, Time = time });
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

    /// <summary>
    /// No title declared nor heading-shaped: the first sentence, unless it cannot be a title (a greeting, a fragment);
    /// then the first sentence that names the subject, or the file name.
    /// </summary>
    private static string FallbackTitle(string fileName, IReadOnlyList<PassageDraft> passages)
    {
        if (passages.Count == 0)
            return TranscriptTitle.FromFileName(fileName);
        return TranscriptTitle.FromLine(SentenceSplitter.Split(passages[0].Text)[0]) ?? SubjectTitle(fileName, passages);
    }

    private static string SubjectTitle(string fileName, IReadOnlyList<PassageDraft> passages) =>
        TranscriptTitle.SubjectSentence(passages.Select(p => p.Text)) ?? TranscriptTitle.FromFileName(fileName);
}
