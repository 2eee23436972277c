using System.Buffers.Binary;
using System.Text;
using Lucene.Net.Util;

namespace Bot.Search.Index;

/// <summary>A passage as shown to users.</summary>
internal readonly record struct StoredPassage(string Text, string Locator, string? Section, int Ordinal);

/// <summary>The passage as shown, in one binary doc value: ordinal, then locator, section and text, each length-prefixed UTF-8.</summary>
internal static class ShownPassage
{
    public static BytesRef Encode(StoredPassage passage)
    {
        using var bytes = new MemoryStream();
        using (var writer = new BinaryWriter(bytes, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(passage.Ordinal);
            writer.Write(passage.Locator);
            writer.Write(passage.Section ?? "");
            writer.Write(passage.Text);
        }
        return new BytesRef(bytes.ToArray());
    }

    public static StoredPassage Decode(BytesRef value)
    {
        using var reader = new BinaryReader(new MemoryStream(value.Bytes, value.Offset, value.Length), Encoding.UTF8);
        var ordinal = reader.ReadInt32();
        var locator = reader.ReadString();
        var section = reader.ReadString();
        return new StoredPassage(reader.ReadString(), locator, section.Length == 0 ? null : section, ordinal);
    }
}

/// <summary>
/// What the reranker reads of every passage when a commit is opened: its length in characters, the lines or cues it
/// covers (for overlapping windows, -1 otherwise), the length of the question shown above an answer, and a hash of its
/// text (identical passages compete once). One binary doc value, fixed size.
/// </summary>
internal readonly record struct PassageMeasures(int Length, int FirstUnit, int LastUnit, int QuestionLength, long Digest)
{
    private const int Size = 4 * sizeof(int) + sizeof(long);

    public static BytesRef Encode(PassageMeasures measures)
    {
        var bytes = new byte[Size];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, measures.Length);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(4), measures.FirstUnit);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(8), measures.LastUnit);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(12), measures.QuestionLength);
        BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(16), measures.Digest);
        return new BytesRef(bytes);
    }

    public static PassageMeasures Decode(BytesRef value)
    {
        var bytes = value.Bytes.AsSpan(value.Offset, value.Length);
        return new PassageMeasures(
            BinaryPrimitives.ReadInt32LittleEndian(bytes),
            BinaryPrimitives.ReadInt32LittleEndian(bytes[4..]),
            BinaryPrimitives.ReadInt32LittleEndian(bytes[8..]),
            BinaryPrimitives.ReadInt32LittleEndian(bytes[12..]),
            BinaryPrimitives.ReadInt64LittleEndian(bytes[16..]));
    }
}
