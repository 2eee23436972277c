using System.Text.RegularExpressions;

namespace Bot.Search.Corpus;

/// <summary>
/// Finds speaker turns: lines that open with a name and a colon ("John Schulman:", "Patel :", "Ilya:",
/// "问：") where that name opens several lines of the same transcript.
/// </summary>
internal static partial class SpeakerLabels
{
    private const int MinimumTurns = 3;

    /// <summary>Labels that name a field of a page or a figure, not a person.</summary>
    private static readonly HashSet<string> NotSpeakers = new(StringComparer.OrdinalIgnoreCase)
    {
        "注", "注意", "比如", "例如", "备注", "提示", "来源", "作者", "摘要", "翻译", "编辑", "编者按", "图", "表", "链接", "地址",
        "时间", "日期", "标签", "关键词", "总结", "结论", "原文", "出处", "版权声明", "转载请注明",
        "Note", "Update", "Source", "Edit", "Tags", "Share", "Related", "Summary", "Example", "Transcript", "Http", "Https",
    };

    /// <summary>The speaker of each line that opens a turn (index into <paramref name="lines"/>), with the text after the label.</summary>
    public static Dictionary<int, Speaker> Find(IReadOnlyList<SourceLine> lines)
    {
        var candidates = new Dictionary<int, (string Name, string? Alias)>();
        var counts = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < lines.Count; i++)
        {
            // A label is a short name and a colon: no colon near the start, no label.
            var head = lines[i].Text.AsSpan(0, Math.Min(lines[i].Text.Length, 48));
            if (head.IndexOfAny(':', '：') < 0)
                continue;
            var m = LabelPattern().Match(lines[i].Text);
            if (!m.Success || m.Groups["rest"].Length == 0)
                continue;
            var name = Regex.Replace(m.Groups["name"].Value.Trim(), @"\s+", " ");
            if (NotSpeakers.Contains(name))
                continue;
            var alias = m.Groups["alias"].Success ? AliasPattern().Match(m.Groups["alias"].Value) is { Success: true } a ? a.Groups[1].Value.Trim() : null : null;
            candidates[i] = (name, alias);
            counts[name] = counts.GetValueOrDefault(name) + 1;
        }

        var frequent = counts.Where(c => c.Value >= MinimumTurns).Select(c => c.Key).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var speakers = new Dictionary<int, Speaker>();
        foreach (var (index, (name, alias)) in candidates)
        {
            // "Dwarkesh Patel (以下称Patel):" introduces the "Patel:" of every later turn.
            var key = frequent.Contains(name) ? name
                : alias is not null && frequent.Contains(alias) ? alias
                : frequent.Contains(name.Split(' ')[^1]) ? name.Split(' ')[^1]
                : null;
            if (key is not null)
                speakers[index] = new Speaker(name, key, LabelPattern().Match(lines[index].Text).Groups["rest"].Value);
        }

        // "Patel 所以你可以说…": a known speaker whose colon was lost still opens a turn.
        if (frequent.Count > 0)
        {
            for (var i = 0; i < lines.Count; i++)
            {
                if (speakers.ContainsKey(i) || candidates.ContainsKey(i))
                    continue;
                var text = lines[i].Text;
                foreach (var name in frequent)
                {
                    if (text.Length > name.Length + 1 && text.StartsWith(name, StringComparison.Ordinal) && text[name.Length] == ' '
                        && text[name.Length + 1] > 0x2E80)
                    {
                        speakers[i] = new Speaker(name, name, text[(name.Length + 1)..]);
                        break;
                    }
                }
            }
        }
        return speakers;
    }

    [GeneratedRegex(@"^(?<name>[A-Z][A-Za-z.'-]*(?:[ ][A-Z][A-Za-z.'-]*){0,3}|[\p{IsCJKUnifiedIdeographs}·]{2,8}|[问答]|Q|A)\s*(?<alias>[(（][^()（）]{1,30}[)）])?\s*[:：]\s*(?<rest>.*)$")]
    private static partial Regex LabelPattern();

    [GeneratedRegex(@"(?:以下(?:简)?称|下称|aka)?\s*([^()（）]+)[)）]$")]
    private static partial Regex AliasPattern();
}

/// <param name="Name">The name as written on this line ("Dwarkesh Patel").</param>
/// <param name="Key">The name that identifies the speaker across the transcript ("Patel").</param>
internal sealed record Speaker(string Name, string Key, string Utterance);
