using System.Globalization;
using System.Text.RegularExpressions;

namespace Bot.Search.Corpus;

/// <summary>Reads SRT and WebVTT subtitles into cues, dropping numbering, styling and repeated rolling lines.</summary>
internal static partial class SubtitleParser
{
    public static List<Cue> Parse(string text)
    {
        var cues = new List<Cue>();
        var blocks = BlankLines().Split(text.Replace("\r\n", "\n").Replace('\r', '\n'));
        foreach (var block in blocks)
        {
            var lines = block.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            var timing = Array.FindIndex(lines, l => l.Contains("-->"));
            if (timing < 0)
                continue; // WEBVTT header, NOTE, STYLE and REGION blocks, or junk
            var m = TimingPattern().Match(lines[timing]);
            if (!m.Success)
                continue;
            string? speaker = null;
            var textLines = new List<string>();
            foreach (var line in lines.Skip(timing + 1))
            {
                var voice = VoicePattern().Match(line);
                if (voice.Success)
                    speaker = voice.Groups[1].Value.Trim();
                var clean = Tags().Replace(line, "").Trim();
                if (clean.Length > 0)
                    textLines.Add(clean);
            }
            var cueText = string.Join(' ', textLines);
            if (cueText.Length == 0)
                continue;
            // Rolling captions repeat the previous line before adding a new one.
            if (cues.Count > 0 && cueText.StartsWith(cues[^1].Text, StringComparison.Ordinal))
            {
                var added = cueText[cues[^1].Text.Length..].Trim();
                if (added.Length == 0)
                    continue;
                cueText = added;
            }
            cues.Add(new Cue(ParseTime(m.Groups["start"].Value), ParseTime(m.Groups["end"].Value), cueText, speaker));
        }
        return WithSpeakers(cues);
    }

    /// <summary>
    /// Who speaks each cue: its voice tag (<c>&lt;v 王工&gt;</c>), else a "Name：" label that opens several cues (found as in
    /// text transcripts, <see cref="SpeakerLabels"/>; the label is taken off the text); a cue with neither goes on with the
    /// speaker before it. A cue that only holds the source's address (<c>来源：https://…</c>) is not said by anyone.
    /// </summary>
    private static List<Cue> WithSpeakers(List<Cue> cues)
    {
        cues.RemoveAll(c => LineShape.LinkDensity(c.Text) >= 0.5);
        var labels = SpeakerLabels.Find(cues.Select((c, i) => new SourceLine(i + 1, c.Text)).ToList());
        if (labels.Count == 0 && cues.All(c => c.Speaker is null))
            return cues;
        string? current = null;
        for (var i = 0; i < cues.Count; i++)
        {
            if (cues[i].Speaker is null && labels.TryGetValue(i, out var label))
                cues[i] = cues[i] with { Speaker = label.Key, Text = label.Utterance.Trim() };
            if (cues[i].Speaker is not null)
                current = cues[i].Speaker;
            else if (current is not null)
                cues[i] = cues[i] with { Speaker = current };
        }
        cues.RemoveAll(c => c.Text.Length == 0);
        return cues;
    }

    public static string Format(TimeSpan time) => time.ToString(@"hh\:mm\:ss", CultureInfo.InvariantCulture);

    private static TimeSpan ParseTime(string value)
    {
        var parts = value.Replace(',', '.').Split(':');
        var seconds = double.Parse(parts[^1], CultureInfo.InvariantCulture);
        var minutes = int.Parse(parts[^2], CultureInfo.InvariantCulture);
        var hours = parts.Length == 3 ? int.Parse(parts[0], CultureInfo.InvariantCulture) : 0;
        return new TimeSpan(hours, minutes, 0) + TimeSpan.FromSeconds(seconds);
    }

    [GeneratedRegex(@"\n\s*\n")]
    private static partial Regex BlankLines();

    [GeneratedRegex(@"(?<start>(?:\d{1,3}:)?\d{1,2}:\d{2}[.,]\d{1,3})\s*-->\s*(?<end>(?:\d{1,3}:)?\d{1,2}:\d{2}[.,]\d{1,3})")]
    private static partial Regex TimingPattern();

    [GeneratedRegex(@"<v(?:\.[\w.-]+)?\s+([^>]+)>")]
    private static partial Regex VoicePattern();

    [GeneratedRegex(@"<[^>]*>|\{\\[^}]*\}")]
    private static partial Regex Tags();
}
