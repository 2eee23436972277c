using Bot.Discord.Models;
using Microsoft.Extensions.Logging;

namespace Bot.Discord.Gateway;

/// <summary>
/// Guards new sessions: Discord allows 1,000 identifies a day (running out resets the token) and one per 5 s per
/// max_concurrency bucket. When <c>session_start_limit.remaining</c> is 0 we wait for <c>reset_after</c> instead of identifying.
/// </summary>
internal sealed class IdentifyLimiter(TimeProvider time, TimeSpan spacing, ILogger logger)
{
    /// <summary>reset_after is whole milliseconds; identifying a moment too early would cost the token, a moment too late costs nothing.</summary>
    private static readonly TimeSpan ResetMargin = TimeSpan.FromMilliseconds(100);

    private long? _lastIdentify;

    /// <param name="limit">As returned by /gateway/bot.</param>
    /// <param name="fetchedAt">Timestamp at which <paramref name="limit"/> was fetched; reset_after counts from then.</param>
    public async Task WaitAsync(SessionStartLimit limit, long fetchedAt, CancellationToken cancellationToken)
    {
        if (limit.Remaining <= 0)
        {
            var wait = TimeSpan.FromMilliseconds(limit.ResetAfter) + ResetMargin - time.GetElapsedTime(fetchedAt);
            if (wait > TimeSpan.Zero)
            {
                logger.LogWarning(
                    "No session starts left today ({Total} allowed); waiting {DelayMs} ms for the limit to reset instead of identifying.",
                    limit.Total, (long)wait.TotalMilliseconds);
                await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
            }
        }

        if (_lastIdentify is { } last && time.GetElapsedTime(last) < spacing)
        {
            await Task.Delay(spacing - time.GetElapsedTime(last), time, cancellationToken).ConfigureAwait(false);
        }

        _lastIdentify = time.GetTimestamp();
    }
}
