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
        var passages = new List<PassageDraft>();
        var text = new StringBuilder();
        int first = 0, last = 0;

        void Flush()
        {
            if (text.Length > 0)
                passages.Add(new PassageDraft(text.ToString(), first == last ? $"第 {first} 行" : $"第 {first}–{last} 行", null));
            text.Clear();
        }

        foreach (var index in kept)
        {
            var line = lines[index];
            if (LineShape.IsSectionNumber(line.Text))
            {
                // "2" opens a new point of a list: a natural place for a passage to start.
                if (text.Length >= options.MinLength)
                    Flush();
                continue;
            }
            if (text.Length == 0)
                first = line.Number;
            else
                text.Append(' ');
            text.Append(line.Text);
            last = line.Number;
            var endsQuestion = line.Text.EndsWith('？') || line.Text.EndsWith('?');
            if (text.Length >= options.JoinedLength && !endsQuestion || text.Length >= options.MaxLength)
                Flush();
        }
        Flush();
        return passages;
    }

    public List<PassageDraft> FromCues(IReadOnlyList<Cue> cues)
    {
        var passages = new List<PassageDraft>();
        var text = new StringBuilder();
        Cue? first = null, last = null;

        void Flush()
        {
            if (first is not null && last is not null && text.Length > 0)
                passages.Add(new PassageDraft(text.ToString(), $"{SubtitleParser.Format(first.Start)}–{SubtitleParser.Format(last.End)}", null));
            text.Clear();
            first = null;
        }

        foreach (var cue in cues)
        {
            if (first is not null && cue.Speaker != first.Speaker)
                Flush();
            if (first is null)
            {
                first = cue;
                if (cue.Speaker is not null)
                    text.Append(cue.Speaker).Append('：');
            }
            else
            {
                text.Append(' ');
            }
            text.Append(cue.Text);
            last = cue;
            var endsQuestion = cue.Text.EndsWith('？') || cue.Text.EndsWith('?');
            if (text.Length >= options.JoinedLength && !endsQuestion && (LineShape.EndsSentence(cue.Text) || text.Length >= options.JoinedLength * 3 / 2)
                || text.Length >= options.MaxLength)
                Flush();
        }
        Flush();
        return passages;
    }

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
        var locator = question.IsTurn
            ? $"{question.Speaker} 问，{answer.Speaker} 答（第 {question.Number}–{answer.Number} 轮）"
            : $"第 {question.Number}–{answer.Number} 段（问答）";
        passages.Add(new PassageDraft(context + "\n" + chunks[0], locator, answer.Section));
        for (var k = 1; k < chunks.Count; k++)
            passages.Add(new PassageDraft(chunks[k], PartLocator(answer, k), answer.Section));
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
        var locator = end - start == 1 ? $"第 {blocks[start].Number} 段" : $"第 {blocks[start].Number}–{blocks[end - 1].Number} 段";
        passages.Add(new PassageDraft(joined, locator, blocks[start].Section));
        return end;
    }

    private void AddChunks(string text, Block block, List<PassageDraft> passages)
    {
        var chunks = Chunker.Split(text, options.MaxLength);
        for (var k = 0; k < chunks.Count; k++)
            passages.Add(new PassageDraft(chunks[k], k == 0 ? Locator(block) : PartLocator(block, k), block.Section));
    }

    private static string Locator(Block block) => block.IsTurn ? $"{block.Speaker}（第 {block.Number} 轮）" : $"第 {block.Number} 段";

    private static string PartLocator(Block block, int part) =>
        block.IsTurn ? $"{block.Speaker}（第 {block.Number} 轮，续 {part}）" : $"第 {block.Number} 段（续 {part}）";

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
                turn = new Block { Speaker = speaker.Name, SpeakerKey = speaker.Key, Number = ++turns, Section = section };
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
                var paragraph = new Block { Speaker = null, Number = ++paragraphs, Section = section };
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
