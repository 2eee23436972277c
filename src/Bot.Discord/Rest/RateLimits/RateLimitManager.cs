namespace Bot.Discord.Rest.RateLimits;

/// <summary>
/// Maps each request to its bucket: first by route template and major parameter, then, once Discord has named the
/// route's bucket in <c>X-RateLimit-Bucket</c>, by that hash and major parameter so routes sharing a limit share a bucket.
/// A route only moves to its named bucket while nothing is queued on the old one, which keeps requests in order.
/// </summary>
internal sealed class RateLimitManager(TimeProvider time)
{
    private static readonly TimeSpan SweepInterval = TimeSpan.FromMinutes(1);

    private readonly object _sync = new();
    private readonly Dictionary<string, BucketLimiter> _buckets = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _hashByRoute = new(StringComparer.Ordinal);
    private long _lastSweep = time.GetTimestamp();

    /// <summary>Number of buckets currently tracked (idle ones are forgotten over time).</summary>
    public int BucketCount
    {
        get
        {
            lock (_sync)
            {
                return _buckets.Count;
            }
        }
    }

    /// <summary>Queues the request on its bucket; the returned task completes when it may proceed, and the caller must then call <see cref="BucketLimiter.Exit"/>.</summary>
    public (BucketLimiter Bucket, Task Entered) Enter(Route route, CancellationToken cancellationToken)
    {
        lock (_sync)
        {
            SweepIfDue();
            var bucket = Resolve(route);
            return (bucket, bucket.EnterAsync(cancellationToken));
        }
    }

    public void LearnBucketHash(Route route, string? hash)
    {
        if (string.IsNullOrEmpty(hash))
        {
            return;
        }

        lock (_sync)
        {
            _hashByRoute[route.Key] = hash;
        }
    }

    private BucketLimiter Resolve(Route route)
    {
        var routeKey = route.Key + "|" + route.MajorParameter;
        _buckets.TryGetValue(routeKey, out var byRoute);
        if (!_hashByRoute.TryGetValue(route.Key, out var hash) || (byRoute is not null && !byRoute.IsIdle()))
        {
            return byRoute ?? Add(routeKey);
        }

        var hashKey = hash + "|" + route.MajorParameter;
        if (!_buckets.TryGetValue(hashKey, out var byHash))
        {
            byHash = Add(hashKey);
            if (byRoute is not null)
            {
                byHash.CopyLimitFrom(byRoute);
            }
        }

        if (byRoute is not null)
        {
            _buckets.Remove(routeKey);
        }

        return byHash;
    }

    private BucketLimiter Add(string key)
    {
        var bucket = new BucketLimiter(time);
        _buckets[key] = bucket;
        return bucket;
    }

    private void SweepIfDue()
    {
        if (time.GetElapsedTime(_lastSweep) < SweepInterval)
        {
            return;
        }

        _lastSweep = time.GetTimestamp();
        foreach (var (key, bucket) in _buckets.ToList())
        {
            if (bucket.IsIdle())
            {
                _buckets.Remove(key);
            }
        }
    }
}
