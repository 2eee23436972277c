using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Documents;

namespace Bot.Search.Analysis;

/// <summary>
/// A text's tokens, analysed once and replayed to the index writer as a pre-analysed field: analysis (SmartCn above all)
/// runs on every core, while one thread writes, so that a rebuild makes one segment, which questions search fastest.
/// The writer thread replays through one token stream per field that it reuses (measured: a token stream made per
/// field and document spent a third of the writer's time in Lucene's attribute factory and its lock).
/// </summary>
internal sealed class RecordedTokens
{
    /// <summary>The terms one after the other; a token's term is its length in characters from where the previous one ended.</summary>
    private readonly char[] terms;

    /// <summary>Per token: term length, start offset, end offset, position increment (no object per token: a rebuild records millions).</summary>
    private readonly int[] tokens;

    private readonly int finalOffset;

    private const int LengthAt = 0, StartAt = 1, EndAt = 2, IncrementAt = 3, Fields = 4;

    private RecordedTokens(char[] terms, int[] tokens, int finalOffset)
    {
        this.terms = terms;
        this.tokens = tokens;
        this.finalOffset = finalOffset;
    }

    private int Count => tokens.Length / Fields;

    public static RecordedTokens Record(Analyzer analyzer, string field, string text)
    {
        var terms = new List<char>(text.Length * 3);
        var tokens = new List<int>(text.Length * 8);
        using var stream = analyzer.GetTokenStream(field, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var offset = stream.AddAttribute<IOffsetAttribute>();
        var increment = stream.AddAttribute<IPositionIncrementAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            terms.AddRange(term.Buffer.AsSpan(0, term.Length));
            tokens.AddRange([term.Length, offset.StartOffset, offset.EndOffset, increment.PositionIncrement]);
        }
        stream.End();
        return new RecordedTokens([.. terms], [.. tokens], offset.EndOffset);
    }

    /// <summary>A whole value as its one token (a file name).</summary>
    public static RecordedTokens Keyword(string value) => new(value.ToCharArray(), [value.Length, 0, value.Length, 1], value.Length);

    /// <summary>An indexed, unstored field whose tokens are these.</summary>
    public Field AsField(string name, FieldType type) => new RecordedField(name, this, type);

    private sealed class RecordedField(string name, RecordedTokens tokens, FieldType type) : Field(name, type)
    {
        public override TokenStream GetTokenStream(Analyzer analyzer) => Replay.For(Name, tokens);
    }

    /// <summary>Replays recorded tokens; one per field name and thread, reused document after document.</summary>
    private sealed class Replay : TokenStream
    {
        [ThreadStatic]
        private static Dictionary<string, Replay>? byField;

        private readonly ICharTermAttribute term;
        private readonly IOffsetAttribute offset;
        private readonly IPositionIncrementAttribute increment;
        private RecordedTokens recorded = new([], [], 0);
        private int next;
        private int termStart;

        private Replay()
        {
            term = AddAttribute<ICharTermAttribute>();
            offset = AddAttribute<IOffsetAttribute>();
            increment = AddAttribute<IPositionIncrementAttribute>();
        }

        public static Replay For(string field, RecordedTokens tokens)
        {
            byField ??= new Dictionary<string, Replay>(StringComparer.Ordinal);
            if (!byField.TryGetValue(field, out var replay))
                byField[field] = replay = new Replay();
            replay.recorded = tokens;
            return replay;
        }

        public override bool IncrementToken()
        {
            if (next >= recorded.Count)
                return false;
            ClearAttributes();
            var token = recorded.tokens.AsSpan(next++ * Fields, Fields);
            term.CopyBuffer(recorded.terms, termStart, token[LengthAt]);
            termStart += token[LengthAt];
            offset.SetOffset(token[StartAt], token[EndAt]);
            increment.PositionIncrement = token[IncrementAt];
            return true;
        }

        public override void End()
        {
            base.End();
            offset.SetOffset(recorded.finalOffset, recorded.finalOffset);
        }

        public override void Reset()
        {
            base.Reset();
            next = 0;
            termStart = 0;
        }

        /// <summary>Lucene disposes a field's stream once it is consumed; this one is kept for the next document.</summary>
        protected override void Dispose(bool disposing)
        {
        }
    }
}
