using System.Text;

namespace Bot.Search.Corpus;

/// <summary>
/// Builds passages from the kept lines of a transcript: speaker turns (an answer together with the question
/// it answers), paragraphs (short ones joined, long ones split at sentence boundaries), or runs of short
/// subtitle-like lines joined into readable passages.
/// </summary>
internal sealed class PassageBuilder(PassageOptions options)
{
    public List<PassageDraft> FromParagraphs(IReadOnlyList<SourceLine> lines, IReadOnlyList<int> kept, IReadOnlyDictionary<int, Speaker> speakers)
    {
        var blocks = ToBlocks(lines, kept, speakers);
        var hasSpeakers = speakers.Count > 0;
        var interviewer = Interviewer(blocks);
        var passages = new List<PassageDraft>();
        var i = 0;
        while (i < blocks.Count)
        {
            var block = blocks[i];
            var next = i + 1 < blocks.Count ? blocks[i + 1] : null;
            if (next is not null && AnswersTo(block, next, hasSpeakers, interviewer))
            {
                AddAnswer(block, next, passages);
                i += 2;
            }
            else if (!block.IsTurn && block.Length < options.MinLength)
            {
                i = AddJoinedParagraphs(blocks, i, passages, hasSpeakers, interviewer);
            }
            else
            {
                AddChunks(block.Text, block, passages);
                i++;
            }
        }
        return passages;
    }

    public List<PassageDraft> FromShortLines(IReadOnlyList<SourceLine> lines, IReadOnlyList<int> kept)
    {
        var units = new List<Unit>();
        foreach (var index in kept)
        {
            var line = lines[index];
            // "2" opens a new point of a list: a window does not run across it.
            if (LineShape.IsSectionNumber(line.Text))
                units.Add(Unit.Break);
            else
                units.Add(new Unit(line.Text, line.Number.ToString(), line.Number.ToString(), null) { Time = line.Time });
        }
        return Windows(units, (first, last) => TimePrefix(first.Time) + (first == last ? $"第 {first.Start} 行" : $"第 {first.Start}–{last.End} 行"));
    }

    public List<PassageDraft> FromCues(IReadOnlyList<Cue> cues)
    {
        if (cues.Any(c => c.Speaker is not null))
            return FromCueTurns(cues);
        var units = cues.Select(c => new Unit(c.Text, SubtitleParser.Format(c.Start), SubtitleParser.Format(c.End), c.Speaker)).ToList();
        return Windows(units, CueLocator);
    }

    private static string CueLocator(Unit first, Unit last) => $"{first.Start}–{last.End}";

    /// <summary>
    /// Subtitles with speakers: an interviewer's question and the answer after it make one passage (its time span from
    /// the question's start to the answer's end; a long answer in parts, each under the question), as turns of a text
    /// transcript do; other turns are cut into windows as cues without speakers are.
    /// </summary>
    private List<PassageDraft> FromCueTurns(IReadOnlyList<Cue> cues)
    {
        var turns = new List<List<Cue>>();
        foreach (var cue in cues)
        {
            if (turns.Count > 0 && turns[^1][0].Speaker == cue.Speaker)
                turns[^1].Add(cue);
            else
                turns.Add([cue]);
        }
        var interviewer = turns.Where(t => t[0].Speaker is not null)
            .GroupBy(t => t[0].Speaker)
            .Select(g => (Speaker: g.Key, Share: g.Count(t => EndsQuestion(t[^1].Text)) / (double)g.Count(), Count: g.Count()))
            .Where(s => s.Count >= 2 && s.Share >= 0.3)
            .OrderByDescending(s => s.Share)
            .Select(s => s.Speaker)
            .FirstOrDefault();

        var passages = new List<PassageDraft>();
        for (var i = 0; i < turns.Count; i++)
        {
            var turn = turns[i];
            var next = i + 1 < turns.Count ? turns[i + 1] : null;
            if (next is not null && turn[0].Speaker is not null && next[0].Speaker is not null
                && (EndsQuestion(turn[^1].Text) || turn[0].Speaker == interviewer))
            {
                AddCueAnswer(turn, next, passages);
                i++;
                continue;
            }
            var units = turn.Select(c => new Unit(c.Text, SubtitleParser.Format(c.Start), SubtitleParser.Format(c.End), c.Speaker)).ToList();
            AddWindows(units, 0, units.Count, CueLocator, passages);
        }
        return passages;
    }

    private void AddCueAnswer(List<Cue> question, List<Cue> answer, List<PassageDraft> passages)
    {
        var asked = $"{question[0].Speaker}：{string.Join(' ', question.Select(c => c.Text))}";
        if (asked.Length > options.MaxQuestionContext)
            asked = "…" + asked[^options.MaxQuestionContext..].TrimStart();
        var who = $"{question[0].Speaker} 问，{answer[0].Speaker} 答";
        var parts = new List<List<Cue>> { new() };
        var length = 0;
        foreach (var cue in answer)
        {
            if (parts[^1].Count > 0 && length + cue.Text.Length > options.MaxLength)
            {
                parts.Add([]);
                length = 0;
            }
            parts[^1].Add(cue);
            length += cue.Text.Length + 1;
        }
        for (var k = 0; k < parts.Count; k++)
        {
            var part = parts[k];
            var text = $"{asked}\n{answer[0].Speaker}：{(k > 0 ? "…" : "")}{string.Join(' ', part.Select(c => c.Text))}";
            var start = k == 0 ? question[0].Start : part[0].Start;
            var locator = $"{SubtitleParser.Format(start)}–{SubtitleParser.Format(part[^1].End)}（{who}{(k > 0 ? $"，续 {k}" : "")}）";
            passages.Add(new PassageDraft(text, locator, null) { QuestionLength = asked.Length });
        }
    }

    /// <summary>
    /// Joins short units into overlapping windows of about <see cref="PassageOptions.JoinedLength"/> characters,
    /// each starting half-way into the previous one; a change of speaker or a list number ends a window.
    /// </summary>
    private List<PassageDraft> Windows(List<Unit> units, Func<Unit, Unit, string> locator)
    {
        var passages = new List<PassageDraft>();
        var runStart = 0;
        for (var i = 0; i <= units.Count; i++)
        {
            var endsRun = i == units.Count || units[i] == Unit.Break || i > runStart && units[i].Speaker != units[i - 1].Speaker;
            if (!endsRun)
                continue;
            AddWindows(units, runStart, i, locator, passages);
            runStart = units.Count > i && units[i] == Unit.Break ? i + 1 : i;
        }
        return passages;
    }

    private void AddWindows(List<Unit> units, int start, int end, Func<Unit, Unit, string> locator, List<PassageDraft> passages)
    {
        var first = start;
        while (first < end)
        {
            var last = first;
            var length = units[first].Text.Length;
            while (last + 1 < end && length < options.JoinedLength)
                length += units[++last].Text.Length + 1;
            // A window never ends on a question: the answer that follows belongs with it.
            while (last + 1 < end && EndsQuestion(units[last].Text) && length < options.MaxLength)
                length += units[++last].Text.Length + 1;

            var text = new StringBuilder();
            if (units[first].Speaker is { } speaker)
                text.Append(speaker).Append('：');
            for (var u = first; u <= last; u++)
                text.Append(u == first ? "" : " ").Append(units[u].Text);
            passages.Add(new PassageDraft(text.ToString(), locator(units[first], units[last]), null) { FirstUnit = first, LastUnit = last });
            if (last + 1 >= end)
                break;

            // The next window starts about a stride into this one, and always moves on.
            var next = first + 1;
            var skipped = units[first].Text.Length;
            while (next < last && skipped < length * options.WindowStride)
                skipped += units[next++].Text.Length + 1;
            first = next;
        }
    }

    private static bool EndsQuestion(string text) => text.EndsWith('？') || text.EndsWith('?');

    /// <summary>A line or cue to be joined with its neighbours; Start and End say where it is (line number, time).</summary>
    private sealed record Unit(string Text, string Start, string End, string? Speaker)
    {
        public static readonly Unit Break = new("", "", "", null);

        public TimeSpan? Time { get; init; }
    }

    /// <summary>"00:12:34 · " before the locator of a passage whose transcript marks the time it starts.</summary>
    private static string TimePrefix(TimeSpan? time) => time is { } t ? SubtitleParser.Format(t) + " · " : "";

    private static bool AnswersTo(Block question, Block answer, bool hasSpeakers, string? interviewer)
    {
        if (question.Section != answer.Section)
            return false;
        if (hasSpeakers)
            return question.IsTurn && answer.IsTurn && question.SpeakerKey != answer.SpeakerKey
                && (question.IsQuestion || question.SpeakerKey == interviewer);
        return question.IsQuestion && !answer.IsQuestion;
    }

    /// <summary>The speaker who asks: the one whose turns most often end in a question.</summary>
    private static string? Interviewer(List<Block> blocks)
    {
        var best = blocks.Where(b => b.IsTurn)
            .GroupBy(b => b.SpeakerKey)
            .Select(g => (Key: g.Key, Share: g.Count(b => b.IsQuestion) / (double)g.Count(), Count: g.Count()))
            .Where(s => s.Count >= 3)
            .OrderByDescending(s => s.Share)
            .FirstOrDefault();
        return best.Share >= 0.3 ? best.Key : null;
    }

    private void AddAnswer(Block question, Block answer, List<PassageDraft> passages)
    {
        var context = question.Text;
        if (context.Length > options.MaxQuestionContext)
            context = "…" + context[^options.MaxQuestionContext..].TrimStart();
        var chunks = Chunker.Split(answer.Text, options.MaxLength);
        var locator = TimePrefix(question.Time) + (question.IsTurn
            ? $"{question.Speaker} 问，{answer.Speaker} 答（第 {question.Number}–{answer.Number} 轮）"
            : $"第 {question.Number}–{answer.Number} 段（问答）");
        passages.Add(new PassageDraft(context + "\n" + chunks[0], locator, answer.Section) { QuestionLength = context.Length });
        for (var k = 1; k < chunks.Count; k++)
        {
            var text = options.QuestionOnEveryPart ? context + "\n…" + chunks[k] : chunks[k];
            passages.Add(options.QuestionOnEveryPart
                ? new PassageDraft(text, $"{locator}，续 {k}", answer.Section) { QuestionLength = context.Length }
                : new PassageDraft(text, PartLocator(answer, k), answer.Section));
        }
    }

    private int AddJoinedParagraphs(List<Block> blocks, int start, List<PassageDraft> passages, bool hasSpeakers, string? interviewer)
    {
        var end = start;
        var length = 0;
        while (end < blocks.Count && !blocks[end].IsTurn && blocks[end].Section == blocks[start].Section && length < options.MinLength)
        {
            if (end > start && end + 1 < blocks.Count && AnswersTo(blocks[end], blocks[end + 1], hasSpeakers, interviewer))
                break;
            length += blocks[end].Length;
            end++;
        }
        var joined = string.Join('\n', blocks.Skip(start).Take(end - start).Select(b => b.Text));
        var locator = TimePrefix(blocks[start].Time) + (end - start == 1 ? $"第 {blocks[start].Number} 段" : $"第 {blocks[start].Number}–{blocks[end - 1].Number} 段");
        passages.Add(new PassageDraft(joined, locator, blocks[start].Section));
        return end;
    }

    private void AddChunks(string text, Block block, List<PassageDraft> passages)
    {
        var chunks = Chunker.Split(text, options.MaxLength);
        for (var k = 0; k < chunks.Count; k++)
            passages.Add(new PassageDraft(chunks[k], k == 0 ? Locator(block) : PartLocator(block, k), block.Section));
    }

    private static string Locator(Block block) => TimePrefix(block.Time) + (block.IsTurn ? $"{block.Speaker}（第 {block.Number} 轮）" : $"第 {block.Number} 段");

    private static string PartLocator(Block block, int part) =>
        TimePrefix(block.Time) + (block.IsTurn ? $"{block.Speaker}（第 {block.Number} 轮，续 {part}）" : $"第 {block.Number} 段（续 {part}）");

    /// <summary>Groups kept lines into turns and paragraphs, and notes the heading each falls under.</summary>
    private static List<Block> ToBlocks(IReadOnlyList<SourceLine> lines, IReadOnlyList<int> kept, IReadOnlyDictionary<int, Speaker> speakers)
    {
        var blocks = new List<Block>();
        string? section = null;
        Block? turn = null;
        int turns = 0, paragraphs = 0;
        foreach (var index in kept)
        {
            var line = lines[index];
            if (speakers.TryGetValue(index, out var speaker))
            {
                turn = new Block { Speaker = speaker.Name, SpeakerKey = speaker.Key, Number = ++turns, Section = section, Time = line.Time };
                turn.Lines.Add(line.Text);
                blocks.Add(turn);
            }
            else if (LineShape.IsSectionNumber(line.Text))
            {
                turn = null;
            }
            else if (line.Text.Length <= 40 && BoilerplateStripper.IsHeadingShaped(line))
            {
                section = HeadingText(line.Text);
                turn = null;
            }
            else if (turn is not null)
            {
                turn.Lines.Add(line.Text);
            }
            else
            {
                var paragraph = new Block { Speaker = null, Number = ++paragraphs, Section = section, Time = line.Time };
                paragraph.Lines.Add(line.Text);
                blocks.Add(paragraph);
            }
        }
        return blocks;
    }

    /// <summary>"━━通用人工智能的时间━━" reads as "通用人工智能的时间".</summary>
    public static string HeadingText(string line) =>
        line.Trim().Trim('━', '─', '═', '=', '-', '—', '#', '*', '【', '】', '[', ']', ' ', '\u3000');
}
