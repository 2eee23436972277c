using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace Bot.Search.Analysis;

/// <summary>
/// Two Latin words one character apart ("Open AI", "GPT-4") also make one term (openai, gpt4), at the position of the
/// second, so that the text matches however the name is spaced or hyphenated. The joined term comes before the second
/// word: offsets never go backwards, as postings with offsets require.
/// </summary>
internal sealed class JoinedWordFilter : TokenFilter
{
    /// <summary>Longer joins are not names anyone types; they would only bloat the index.</summary>
    private const int MaxLength = 64;

    private readonly ICharTermAttribute term;
    private readonly IOffsetAttribute offset;
    private readonly IPositionIncrementAttribute increment;
    private readonly char[] previous = new char[MaxLength];
    private int previousLength = -1;
    private int previousStart;
    private int previousEnd;
    private State? pending;

    public JoinedWordFilter(TokenStream input) : base(input)
    {
        term = AddAttribute<ICharTermAttribute>();
        offset = AddAttribute<IOffsetAttribute>();
        increment = AddAttribute<IPositionIncrementAttribute>();
    }

    public override bool IncrementToken()
    {
        if (pending is not null)
        {
            RestoreState(pending);
            pending = null;
            Remember();
            return true;
        }
        if (!m_input.IncrementToken())
            return false;

        if (!IsLatinWord(term.Buffer, term.Length))
        {
            previousLength = -1;
            return true;
        }
        if (previousLength > 0 && offset.StartOffset == previousEnd + 1 && previousLength + term.Length <= MaxLength && HasLetter(previous, previousLength))
        {
            // The second word follows the joined term at the same position.
            var step = increment.PositionIncrement;
            increment.PositionIncrement = 0;
            pending = CaptureState();
            increment.PositionIncrement = step;
            var length = term.Length;
            var buffer = term.ResizeBuffer(previousLength + length);
            Array.Copy(buffer, 0, buffer, previousLength, length);
            Array.Copy(previous, 0, buffer, 0, previousLength);
            term.Length = previousLength + length;
            offset.SetOffset(previousStart, offset.EndOffset);
            return true;
        }
        Remember();
        return true;
    }

    public override void Reset()
    {
        base.Reset();
        previousLength = -1;
        pending = null;
    }

    private void Remember()
    {
        if (term.Length > MaxLength)
        {
            previousLength = -1;
            return;
        }
        Array.Copy(term.Buffer, previous, term.Length);
        previousLength = term.Length;
        previousStart = offset.StartOffset;
        previousEnd = offset.EndOffset;
    }

    private static bool IsLatinWord(char[] buffer, int length)
    {
        for (var i = 0; i < length; i++)
            if (!char.IsAsciiLetterOrDigit(buffer[i]))
                return false;
        return length > 0;
    }

    private static bool HasLetter(char[] buffer, int length)
    {
        for (var i = 0; i < length; i++)
            if (char.IsAsciiLetter(buffer[i]))
                return true;
        return false;
    }
}
