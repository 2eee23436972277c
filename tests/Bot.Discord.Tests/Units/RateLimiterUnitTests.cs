using Bot.Discord.Rest;
using Bot.Discord.Rest.RateLimits;
using FakeDiscord;
using Microsoft.Extensions.Time.Testing;

namespace Bot.Discord.Tests.Units;

public sealed class RateLimiterUnitTests
{
    private static readonly Route Messages = new(HttpMethod.Post, "/channels/{channel_id}/messages", "channels/1/messages", "1");

    [Fact]
    public async Task The_global_limiter_allows_its_limit_in_any_one_second_window_and_lines_up_the_rest()
    {
        var time = new TestClock();
        var limiter = new GlobalRateLimiter(time, requestsPerSecond: 50);

        for (var i = 0; i < 50; i++)
        {
            Assert.True(limiter.WaitAsync(exempt: false, CancellationToken.None).IsCompletedSuccessfully);
            time.Advance(TimeSpan.FromMilliseconds(10));
        }

        var next = limiter.WaitAsync(exempt: false, CancellationToken.None).AsTask();
        var afterThat = limiter.WaitAsync(exempt: false, CancellationToken.None).AsTask();
        Assert.True(limiter.WaitAsync(exempt: true, CancellationToken.None).IsCompletedSuccessfully);
        await time.NextTimerAsync();
        await time.NextTimerAsync();
        time.Advance(TimeSpan.FromMilliseconds(499));
        Assert.False(next.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(1));
        await next.WaitAsync(RecordLog<object>.DefaultTimeout);
        Assert.False(afterThat.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(10));
        await afterThat.WaitAsync(RecordLog<object>.DefaultTimeout);
    }

    [Fact]
    public void A_global_pause_holds_limited_routes_and_a_hard_pause_holds_everything()
    {
        var time = new FakeTimeProvider();
        var limiter = new GlobalRateLimiter(time, requestsPerSecond: 0);

        limiter.PauseGlobal(TimeSpan.FromSeconds(2));
        Assert.Equal(TimeSpan.FromSeconds(2), limiter.PauseRemaining(exempt: false));
        Assert.True(limiter.PauseRemaining(exempt: true) <= TimeSpan.Zero);

        limiter.PauseAll(TimeSpan.FromSeconds(5));
        time.Advance(TimeSpan.FromSeconds(3));
        Assert.Equal(TimeSpan.FromSeconds(2), limiter.PauseRemaining(exempt: true));
    }

    [Fact]
    public async Task A_bucket_lets_requests_through_one_at_a_time_in_arrival_order()
    {
        var bucket = new BucketLimiter(new FakeTimeProvider());
        var order = new List<int>();

        await bucket.EnterAsync(CancellationToken.None);
        var waiting = Enumerable.Range(1, 5).Select(i => bucket.EnterAsync(CancellationToken.None).ContinueWith(_ =>
        {
            lock (order)
            {
                order.Add(i);
            }

            bucket.Exit();
        }, TaskScheduler.Default)).ToArray();
        Assert.All(waiting, t => Assert.False(t.IsCompleted));
        bucket.Exit();
        await Task.WhenAll(waiting).WaitAsync(RecordLog<object>.DefaultTimeout);

        Assert.Equal([1, 2, 3, 4, 5], order);
    }

    [Fact]
    public async Task A_cancelled_waiter_gives_its_turn_to_the_next()
    {
        var bucket = new BucketLimiter(new FakeTimeProvider());
        using var cancel = new CancellationTokenSource();
        await bucket.EnterAsync(CancellationToken.None);
        var cancelled = bucket.EnterAsync(cancel.Token);
        var next = bucket.EnterAsync(CancellationToken.None);

        await cancel.CancelAsync();
        bucket.Exit();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        await next.WaitAsync(RecordLog<object>.DefaultTimeout);
    }

    [Fact]
    public void An_empty_bucket_asks_to_wait_until_reset_after_has_passed()
    {
        var time = new FakeTimeProvider();
        var bucket = new BucketLimiter(time);

        bucket.Update(new RateLimitHeaders(true, 0, TimeSpan.FromSeconds(1.5), "abc", false, null, null));

        Assert.InRange(bucket.DelayBeforeSend(), TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(1.6));
        time.Advance(TimeSpan.FromSeconds(1.5));
        Assert.True(bucket.DelayBeforeSend() > TimeSpan.Zero);
        time.Advance(TimeSpan.FromSeconds(0.1));
        Assert.Equal(TimeSpan.Zero, bucket.DelayBeforeSend());
    }

    [Fact]
    public async Task Buckets_are_keyed_by_discords_bucket_hash_and_the_top_level_resource_and_idle_ones_are_forgotten()
    {
        var time = new FakeTimeProvider();
        var manager = new RateLimitManager(time);
        var edit = new Route(HttpMethod.Patch, "/channels/{channel_id}/messages/{message_id}", "channels/1/messages/5", "1");
        var otherChannel = new Route(HttpMethod.Post, "/channels/{channel_id}/messages", "channels/2/messages", "2");

        var (first, entered) = manager.Enter(Messages, CancellationToken.None);
        await entered;
        first.Exit();
        manager.LearnBucketHash(Messages, "shared");
        manager.LearnBucketHash(edit, "shared");
        var (byHash, e1) = manager.Enter(Messages, CancellationToken.None);
        await e1;
        byHash.Exit();
        var (sameHashSameChannel, e2) = manager.Enter(edit, CancellationToken.None);
        await e2;
        sameHashSameChannel.Exit();
        var (differentChannel, e3) = manager.Enter(otherChannel, CancellationToken.None);
        await e3;
        differentChannel.Exit();

        Assert.Same(byHash, sameHashSameChannel);
        Assert.NotSame(byHash, differentChannel);
        Assert.Equal(2, manager.BucketCount); // shared|1 and shared|2: the route-keyed bucket moved to the hash once idle
        time.Advance(TimeSpan.FromMinutes(2));
        var (_, e4) = manager.Enter(otherChannel, CancellationToken.None);
        await e4;
        Assert.Equal(1, manager.BucketCount);
    }
}
