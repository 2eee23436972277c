using Lucene.Net.Store;
using Lock = Lucene.Net.Store.Lock;

namespace Bot.Search.Index;

/// <summary>
/// Lucene's write lock as an exclusive OS lock on the folder's write.lock (flock LOCK_EX on Linux, a share-none open on
/// Windows), released by the OS if the process dies. Lucene.Net 4.8's NativeFSLockFactory takes a shared lock on Linux,
/// so two processes (two shards) both "held" the write lock and wrote over each other's files. It still excludes a
/// writer that uses NativeFSLockFactory, in either order. The file is never deleted: another process may be locking it.
/// </summary>
internal sealed class ExclusiveLockFactory : FSLockFactory
{
    public override Lock MakeLock(string lockName) =>
        new FileLock(Path.Combine(m_lockDir.FullName, LockPrefix is null ? lockName : $"{LockPrefix}-{lockName}"));

    /// <summary>Nothing to clear: the OS lock goes with the process that held it.</summary>
    public override void ClearLock(string lockName)
    {
    }

    private sealed class FileLock(string path) : Lock
    {
        private readonly System.Threading.Lock gate = new();
        private FileStream? held;

        public override bool Obtain()
        {
            lock (gate)
            {
                if (held is not null)
                    return false;
                held = TryOpen(out var failure);
                FailureReason = failure;
                return held is not null;
            }
        }

        public override bool IsLocked()
        {
            lock (gate)
            {
                if (held is not null)
                    return true;
                using var probe = TryOpen(out _);
                return probe is null;
            }
        }

        protected override void Dispose(bool disposing)
        {
            if (!disposing)
                return;
            lock (gate)
            {
                held?.Dispose();
                held = null;
            }
        }

        private FileStream? TryOpen(out Exception? failure)
        {
            failure = null;
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                failure = e;
                return null;
            }
        }

        public override string ToString() => $"{nameof(ExclusiveLockFactory)}@{path}";
    }
}
