using System.Collections.Concurrent;

namespace Bot.Conversation;

/// <summary>
/// Flood control per user: a few questions per window; the question over the limit gets one short notice,
/// the ones after it silence, until the window frees up.
/// </summary>
internal sealed class Cooldown(TimeProvider time, int maxQuestions, TimeSpan window)
{
    private const int PruneAbove = 10_000;

    private readonly ConcurrentDictionary<ulong, UserWindow> users = new();

    public CooldownVerdict Check(ulong userId)
    {
        var now = time.GetUtcNow();
        var user = users.GetOrAdd(userId, _ => new UserWindow());
        CooldownVerdict verdict;
        lock (user)
        {
            while (user.Asked.Count > 0 && now - user.Asked.Peek() >= window)
                user.Asked.Dequeue();
            if (user.Asked.Count < maxQuestions)
            {
                user.Asked.Enqueue(now);
                user.Notified = false;
                verdict = CooldownVerdict.Allowed;
            }
            else
            {
                var wait = window - (now - user.Asked.Peek());
                verdict = CooldownVerdict.HeldBack(notify: !user.Notified, (int)Math.Ceiling(wait.TotalSeconds));
                user.Notified = true;
            }
        }
        if (users.Count > PruneAbove)
            Prune(now);
        return verdict;
    }

    private void Prune(DateTimeOffset now)
    {
        foreach (var (id, user) in users)
        {
            lock (user)
            {
                if (user.Asked.Count == 0 || now - user.Asked.Last() >= window)
                    users.TryRemove(id, out _);
            }
        }
    }

    private sealed class UserWindow
    {
        public Queue<DateTimeOffset> Asked { get; } = new();
        public bool Notified { get; set; }
    }
}

/// <param name="ShouldNotify">Held back for the first time in this window: a channel gets one notice, then silence.</param>
/// <param name="WaitSeconds">When held back: how long until the user may ask again (an interaction is always told).</param>
internal sealed record CooldownVerdict(bool IsAllowed, bool ShouldNotify, int WaitSeconds)
{
    public static CooldownVerdict Allowed { get; } = new(true, false, 0);
    public static CooldownVerdict HeldBack(bool notify, int seconds) => new(false, notify, Math.Max(1, seconds));
}
