namespace Bot.Search.Corpus;

/// <summary>
/// Removes web page furniture by general rules, not by phrases of particular files:
/// lines that are links, rules, keyword lists or short furniture anywhere; and at the two edges of a
/// document, everything up to the first and after the last line that reads like the body.
/// </summary>
internal static class BoilerplateStripper
{
    /// <summary>
    /// The indexes of the lines to keep, and the title taken from the head of the document: its first heading-shaped
    /// line, unless <paramref name="isTitle"/> refuses it (a greeting).
    /// </summary>
    public static (List<int> Kept, string? Title) Strip(IReadOnlyList<SourceLine> lines, IReadOnlySet<int> speakerLines, bool shortLinesAreBody, Func<string, bool> isTitle)
    {
        var keep = new bool[lines.Count];
        for (var i = 0; i < lines.Count; i++)
            keep[i] = !LineShape.IsBlank(lines[i].Text) && !IsJunkAnywhere(lines[i].Text);

        string? title = null;
        for (var i = 0; i < lines.Count; i++)
        {
            if (!keep[i])
                continue;
            if (speakerLines.Contains(i))
                break;
            if (IsEdgeFurniture(lines[i].Text))
            {
                keep[i] = false;
                continue;
            }
            if (title is null && IsHeadingShaped(lines[i]))
            {
                // A heading-shaped line that cannot be a title (a greeting) is not text either: it is left out all the same.
                title = isTitle(lines[i].Text) ? lines[i].Text : "";
                keep[i] = false;
                continue;
            }
            break;
        }

        for (var i = lines.Count - 1; i >= 0; i--)
        {
            if (!keep[i])
                continue;
            if (speakerLines.Contains(i) || ReadsLikeBody(lines[i].Text, shortLinesAreBody))
                break;
            keep[i] = false;
        }

        var kept = new List<int>();
        for (var i = 0; i < lines.Count; i++)
            if (keep[i])
                kept.Add(i);
        return (kept, string.IsNullOrEmpty(title) ? null : title);
    }

    /// <summary>Furniture wherever it stands: no paragraph of a talk looks like this.</summary>
    public static bool IsJunkAnywhere(string line)
    {
        var links = LineShape.LinkDensity(line);
        return links >= 0.5
            || LineShape.IsSeparator(line)
            || LineShape.IsKeywordList(line)
            || LineShape.HasFurnitureWords(line) && (links > 0 || line.Length <= 30 && !LineShape.EndsSentence(line))
            || LineShape.IsMetadata(line) && !LineShape.IsSectionNumber(line)
            || LineShape.IsCertainCreditLine(line);
    }

    /// <summary>Furniture at the head or the tail of a page: menus, credits, dates, notices.</summary>
    private static bool IsEdgeFurniture(string line) =>
        LineShape.IsBulletItem(line) || LineShape.IsCreditLine(line) || LineShape.HasFurnitureWords(line) && line.Length <= 200;

    /// <summary>The tail ends at the last line that reads like the body of the text.</summary>
    private static bool ReadsLikeBody(string line, bool shortLinesAreBody)
    {
        if (IsEdgeFurniture(line) || LineShape.IsSectionNumber(line))
            return false;
        if (shortLinesAreBody)
            return true;
        return line.Length >= 60 || line.Length >= 15 && LineShape.EndsSentence(line);
    }

    /// <summary>A title or heading: a short line that does not end like a sentence (and is not marked as a list item).</summary>
    public static bool IsHeadingShaped(SourceLine line) =>
        line.IsHeading || !line.IsListItem && line.Text.Length is > 0 and <= 60 && !LineShape.EndsSentence(line.Text) && !line.Text.EndsWith('：') && !line.Text.EndsWith(':');
}
