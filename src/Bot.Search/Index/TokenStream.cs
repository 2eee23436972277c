using System.Runtime.CompilerServices;
using Bot.Search.Analysis;

namespace Bot.Search.Index;

/// <summary>
/// The tokens of one passage in order: term id, start and length in the passage text. Kept in memory for
/// reranking and highlighting, and stored as one compact blob per passage.
/// </summary>
internal sealed class TokenStream
{
    public TokenStream(int[] termIds, ushort[] starts, byte[] lengths)
    {
        TermIds = termIds;
        Starts = starts;
        Lengths = lengths;
    }

    public int[] TermIds { get; }
    public ushort[] Starts { get; }
    public byte[] Lengths { get; }

    public int Count => TermIds.Length;

    /// <summary>Varints: term id (mapped through <paramref name="mapping"/> when given), start minus the previous start, length.</summary>
    public byte[] Encode(int[]? mapping = null)
    {
        var buffer = new byte[Count * 6 + 5];
        var at = 0;
        at = Varint.Write(buffer, at, (uint)Count);
        var previous = 0;
        for (var i = 0; i < Count; i++)
        {
            at = Varint.Write(buffer, at, (uint)(mapping is null ? TermIds[i] : mapping[TermIds[i]]));
            at = Varint.Write(buffer, at, (uint)(Starts[i] - previous));
            at = Varint.Write(buffer, at, Lengths[i]);
            previous = Starts[i];
        }
        return buffer[..at];
    }

    public static TokenStream Decode(ReadOnlySpan<byte> blob)
    {
        var at = 0;
        var count = (int)Varint.Read(blob, ref at);
        var termIds = new int[count];
        var starts = new ushort[count];
        var lengths = new byte[count];
        var start = 0;
        for (var i = 0; i < count; i++)
        {
            termIds[i] = (int)Varint.Read(blob, ref at);
            start += (int)Varint.Read(blob, ref at);
            starts[i] = (ushort)start;
            lengths[i] = (byte)Varint.Read(blob, ref at);
        }
        return new TokenStream(termIds, starts, lengths);
    }

    /// <summary>Reads only the term ids of an encoded stream (see <see cref="Encode"/>), skipping starts and lengths.</summary>
    public ref struct TermIdReader
    {
        private readonly ReadOnlySpan<byte> blob;
        private int at;

        public TermIdReader(ReadOnlySpan<byte> blob)
        {
            this.blob = blob;
            Count = (int)Varint.Read(blob, ref at);
        }

        public int Count { get; }

        /// <summary>The next token's term id; call it <see cref="Count"/> times.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public int Next()
        {
            var termId = (int)Varint.Read(blob, ref at);
            Varint.Skip(blob, ref at);
            Varint.Skip(blob, ref at);
            return termId;
        }
    }
}

/// <summary>Unsigned LEB128 integers: the compact encoding of the stored token blobs.</summary>
internal static class Varint
{
    public static int Write(byte[] buffer, int at, uint value)
    {
        while (value >= 0x80)
        {
            buffer[at++] = (byte)(value | 0x80);
            value >>= 7;
        }
        buffer[at++] = (byte)value;
        return at;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Skip(ReadOnlySpan<byte> blob, ref int at)
    {
        while (blob[at++] >= 0x80)
        {
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Read(ReadOnlySpan<byte> blob, ref int at)
    {
        uint value = 0;
        var shift = 0;
        while (true)
        {
            var b = blob[at++];
            value |= (uint)(b & 0x7F) << shift;
            if (b < 0x80)
                return value;
            shift += 7;
            if (shift > 28)
                throw new InvalidDataException("A stored blob of the index is corrupt; rebuild the index.");
        }
    }
}

/// <summary>Collects a passage's tokens with ids from a dictionary local to one document.</summary>
internal sealed class TokenStreamBuilder(TermDictionary terms) : ITokenSink
{
    private readonly List<int> termIds = [];
    private readonly List<ushort> starts = [];
    private readonly List<byte> lengths = [];

    public void Add(ReadOnlySpan<char> term, TokenKind kind, int start, int end)
    {
        if (start > ushort.MaxValue || end - start > byte.MaxValue)
            return;
        termIds.Add(terms.GetOrAdd(term, kind));
        starts.Add((ushort)start);
        lengths.Add((byte)(end - start));
    }

    public TokenStream Build()
    {
        var stream = new TokenStream([.. termIds], [.. starts], [.. lengths]);
        termIds.Clear();
        starts.Clear();
        lengths.Clear();
        return stream;
    }
}
