using Bot.Search;
using Bot.Tests.Infrastructure;
using Lucene.Net.Store;
using Microsoft.Extensions.DependencyInjection;
using Directory = Lucene.Net.Store.Directory;

namespace Bot.Tests.Faults;

/// <summary>
/// The disk under the index folder, filling up on demand: once the room left is used, every write to an index file
/// throws <see cref="IOException"/> as a full disk does, until <see cref="Free"/>. Reads, deletes and the write lock pass
/// through. Installed with <see cref="Install"/>, through <see cref="SearchIndexOptions.WrapDirectory"/>.
/// </summary>
internal sealed class FullDisk
{
    public const string Message = "No space left on device";

    private readonly System.Threading.Lock gate = new();
    private long room = long.MaxValue;

    /// <summary>From now on only <paramref name="bytesLeft"/> more bytes fit.</summary>
    public void Fill(long bytesLeft = 0)
    {
        lock (gate)
            room = bytesLeft;
    }

    /// <summary>Room again (the operator freed some space).</summary>
    public void Free()
    {
        lock (gate)
            room = long.MaxValue;
    }

    /// <summary>Replaces the bot's index options with the same ones on this disk.</summary>
    public Action<IServiceCollection> Install => services => services.ChangeSearchIndex(o => o with { WrapDirectory = directory => new Folder(directory, this) });

    /// <summary>A line the bot logs when an index update failed for want of room.</summary>
    public static bool IsUpdateFailure(LogLine line) =>
        line.Message.StartsWith("Could not update the index", StringComparison.Ordinal) && line.Message.Contains(Message, StringComparison.Ordinal);

    private void Take(long bytes)
    {
        lock (gate)
        {
            if (room < bytes)
                throw new IOException(Message);
            room -= bytes;
        }
    }

    private sealed class Folder(Directory inner, FullDisk disk) : FilterDirectory(inner)
    {
        public override IndexOutput CreateOutput(string name, IOContext context) => new Output(base.CreateOutput(name, context), disk);
    }

    private sealed class Output(IndexOutput inner, FullDisk disk) : IndexOutput
    {
        public override void WriteByte(byte b)
        {
            disk.Take(1);
            inner.WriteByte(b);
        }

        public override void WriteBytes(byte[] b, int offset, int length)
        {
            disk.Take(length);
            inner.WriteBytes(b, offset, length);
        }

        public override void Flush() => inner.Flush();

        public override long Position => inner.Position;

        public override long Checksum => inner.Checksum;

        public override long Length
        {
            get => inner.Length;
            set => inner.Length = value;
        }

        [Obsolete("Lucene 4.1 deprecated it; overridden because it is abstract.")]
        public override void Seek(long pos) => inner.Seek(pos);

        protected override void Dispose(bool disposing)
        {
            if (disposing)
                inner.Dispose();
        }
    }
}
