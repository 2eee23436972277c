using System.Text;

namespace Bot.Search.Corpus;

/// <summary>Cuts a long text into chunks of similar length at sentence boundaries.</summary>
internal static class Chunker
{
    public static List<string> Split(string text, int maxLength)
    {
        text = text.Trim();
        if (text.Length <= maxLength)
            return [text];

        var units = new List<string>();
        foreach (var sentence in SentenceSplitter.Split(text))
        {
            if (sentence.Length <= maxLength)
                units.Add(sentence);
            else
                units.AddRange(SentenceSplitter.SplitClauses(sentence, maxLength));
        }

        var target = text.Length / Math.Ceiling(text.Length / (double)maxLength);
        var chunks = new List<string>();
        var current = new StringBuilder();
        foreach (var unit in units)
        {
            if (current.Length > 0 && (current.Length + unit.Length > maxLength || current.Length >= target))
            {
                chunks.Add(current.ToString().Trim());
                current.Clear();
            }
            current.Append(unit);
        }
        var tail = current.ToString().Trim();
        if (tail.Length > 0)
        {
            // A scrap of a sentence or two reads better with what came before it.
            if (chunks.Count > 0 && tail.Length < target / 3 && chunks[^1].Length + tail.Length <= maxLength * 5 / 4)
                chunks[^1] = chunks[^1] + (chunks[^1].EndsWith('\n') ? "" : "\n") + tail;
            else
                chunks.Add(tail);
        }
        return chunks;
    }
}
