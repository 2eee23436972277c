using System.Text.Json.Nodes;

namespace FakeDiscord;

/// <summary>A gateway session: its sequence numbers and the events it was sent, kept for replay when the client resumes.</summary>
public sealed class FakeGatewaySession
{
    private readonly Queue<(long Sequence, string Name, JsonNode? Data)> _log = new();
    private readonly int _replayBufferSize;

    internal FakeGatewaySession(string id, int shardId, int shardCount, int intents, int replayBufferSize)
    {
        Id = id;
        ShardId = shardId;
        ShardCount = shardCount;
        Intents = intents;
        _replayBufferSize = replayBufferSize;
    }

    public string Id { get; }
    public int ShardId { get; }
    public int ShardCount { get; }
    public int Intents { get; }

    /// <summary>The last sequence number assigned.</summary>
    public long Sequence { get; private set; }

    /// <summary>The live connection, or null while the client is away (events are then only buffered).</summary>
    public FakeGatewayConnection? Connection { get; internal set; }

    /// <summary>Serialises sends so that sequence numbers reach the client in order.</summary>
    internal SemaphoreSlim SendLock { get; } = new(1, 1);

    /// <summary>Assigns the next sequence number; called with <see cref="SendLock"/> held.</summary>
    internal long Assign(string name, JsonNode? data, bool replayable)
    {
        Sequence++;
        if (replayable)
        {
            _log.Enqueue((Sequence, name, data?.DeepClone()));
            while (_log.Count > _replayBufferSize)
            {
                _log.Dequeue();
            }
        }

        return Sequence;
    }

    /// <summary>Events after <paramref name="sequence"/>; called with <see cref="SendLock"/> held.</summary>
    internal IReadOnlyList<(long Sequence, string Name, JsonNode? Data)> EventsAfter(long sequence) =>
        _log.Where(e => e.Sequence > sequence).ToArray();
}
