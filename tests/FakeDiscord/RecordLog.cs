namespace FakeDiscord;

/// <summary>A thread-safe append-only log that tests can wait on instead of polling.</summary>
public sealed class RecordLog<T>
{
    /// <summary>Only bounds a hang: a wait ends when the item comes, however loaded the machine is.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    private readonly object _gate = new();
    private readonly List<T> _items = [];
    private readonly List<Waiter> _waiters = [];

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _items.Count;
            }
        }
    }

    public IReadOnlyList<T> Snapshot()
    {
        lock (_gate)
        {
            return _items.ToArray();
        }
    }

    public IReadOnlyList<T> Where(Func<T, bool> predicate) => Snapshot().Where(predicate).ToArray();

    /// <summary>The first item (already recorded or still to come) that matches.</summary>
    public async Task<T> WaitAsync(Func<T, bool> predicate, TimeSpan? timeout = null, string? what = null, CancellationToken cancellationToken = default) =>
        (await WaitForCountAsync(predicate, 1, timeout, what, cancellationToken).ConfigureAwait(false))[0];

    /// <summary>The first <paramref name="count"/> matching items, once that many have been recorded.</summary>
    public async Task<IReadOnlyList<T>> WaitForCountAsync(
        Func<T, bool> predicate, int count, TimeSpan? timeout = null, string? what = null, CancellationToken cancellationToken = default)
    {
        Waiter waiter;
        lock (_gate)
        {
            waiter = new Waiter(predicate, count);
            foreach (var item in _items)
            {
                if (waiter.Offer(item))
                {
                    return waiter.Matches;
                }
            }

            _waiters.Add(waiter);
        }

        var limit = timeout ?? DefaultTimeout;
        try
        {
            return await waiter.Completion.Task.WaitAsync(limit, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            lock (_gate)
            {
                _waiters.Remove(waiter);
            }

            throw;
        }
        catch (TimeoutException)
        {
            lock (_gate)
            {
                _waiters.Remove(waiter);
                throw new TimeoutException(
                    $"Timed out after {limit.TotalSeconds:0.#} s waiting for {count} × {what ?? typeof(T).Name}; saw {waiter.Matches.Count} of {_items.Count} recorded.");
            }
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _items.Clear();
        }
    }

    public void Add(T item)
    {
        List<Waiter>? completed = null;
        lock (_gate)
        {
            _items.Add(item);
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].Offer(item))
                {
                    (completed ??= []).Add(_waiters[i]);
                    _waiters.RemoveAt(i);
                }
            }
        }

        completed?.ForEach(w => w.Completion.TrySetResult(w.Matches));
    }

    private sealed class Waiter(Func<T, bool> predicate, int count)
    {
        public List<T> Matches { get; } = [];
        public TaskCompletionSource<IReadOnlyList<T>> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>True once enough items matched.</summary>
        public bool Offer(T item)
        {
            if (predicate(item))
            {
                Matches.Add(item);
            }

            return Matches.Count >= count;
        }
    }
}
