using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace FakeDiscord;

/// <summary>
/// What the fake Discord holds: messages (sent by users through the gateway or by the bot through REST), pins,
/// interactions and their responses, and registered commands. Reads return copies, so tests can inspect freely.
/// </summary>
public sealed class FakeDiscordState
{
    private readonly FakeDiscordOptions _options;
    private readonly ConcurrentDictionary<ulong, JsonObject> _messages = new();
    private readonly ConcurrentDictionary<ulong, List<(ulong MessageId, DateTimeOffset PinnedAt)>> _pins = new();
    private readonly ConcurrentDictionary<ulong, FakeInteraction> _interactions = new();
    private readonly ConcurrentDictionary<string, FakeInteraction> _interactionsByToken = new();
    private readonly ConcurrentDictionary<ulong, ulong> _guildByChannel = new();
    private readonly object _commandsGate = new();
    private readonly Dictionary<ulong, JsonArray> _guildCommands = [];
    private JsonArray _globalCommands = [];
    private int _commandCreates;

    internal FakeDiscordState(FakeDiscordOptions options) => _options = options;

    /// <summary>Commands created (new names) by bulk overwrites; Discord allows 200 a day per guild.</summary>
    public int CommandCreates => Volatile.Read(ref _commandCreates);

    public JsonObject? GetMessage(ulong messageId) => _messages.TryGetValue(messageId, out var m) ? Copy(m) : null;

    /// <summary>Messages in a channel in the order they were created.</summary>
    public IReadOnlyList<JsonObject> MessagesIn(ulong channelId)
    {
        var channel = channelId.ToString();
        return MessagesWhere(m => m["channel_id"]?.GetValue<string>() == channel);
    }

    /// <summary>Every message the bot has created, in any channel, in order.</summary>
    public IReadOnlyList<JsonObject> BotMessages()
    {
        var bot = _options.BotUserId.ToString();
        return MessagesWhere(m => m["author"]?["id"]?.GetValue<string>() == bot);
    }

    public IReadOnlyList<ulong> PinnedMessageIds(ulong channelId)
    {
        if (!_pins.TryGetValue(channelId, out var pins))
        {
            return [];
        }

        lock (pins)
        {
            return pins.Select(p => p.MessageId).ToArray();
        }
    }

    /// <summary>Simulates a user deleting a message: replies to it and pins of it then fail as on Discord.</summary>
    public bool DeleteMessage(ulong messageId) => _messages.TryRemove(messageId, out _);

    /// <summary>The callbacks received for an interaction (normally exactly one).</summary>
    public IReadOnlyList<JsonObject> InteractionResponses(ulong interactionId)
    {
        if (!_interactions.TryGetValue(interactionId, out var interaction))
        {
            return [];
        }

        lock (interaction)
        {
            return interaction.Responses.Select(Copy).ToArray();
        }
    }

    /// <summary>The original response message of an interaction (after callback type 4 or 5), with later edits.</summary>
    public JsonObject? OriginalResponse(ulong interactionId) =>
        _interactions.TryGetValue(interactionId, out var i) && i.OriginalMessageId is { } id ? GetMessage(id) : null;

    public IReadOnlyList<JsonObject> Followups(ulong interactionId)
    {
        if (!_interactions.TryGetValue(interactionId, out var interaction))
        {
            return [];
        }

        lock (interaction)
        {
            return interaction.FollowupIds.Select(id => GetMessage(id)).OfType<JsonObject>().ToArray();
        }
    }

    public JsonArray GlobalCommands()
    {
        lock (_commandsGate)
        {
            return (JsonArray)_globalCommands.DeepClone();
        }
    }

    public JsonArray GuildCommands(ulong guildId)
    {
        lock (_commandsGate)
        {
            return _guildCommands.TryGetValue(guildId, out var commands) ? (JsonArray)commands.DeepClone() : [];
        }
    }

    internal JsonObject BotUser() =>
        new() { ["id"] = _options.BotUserId.ToString(), ["username"] = _options.BotUserName, ["global_name"] = null, ["bot"] = true };

    internal void AddMessage(JsonObject message)
    {
        _messages[ulong.Parse(message["id"]!.GetValue<string>())] = Copy(message);
        if (message["guild_id"]?.GetValue<string>() is { } guild && message["channel_id"]?.GetValue<string>() is { } channel)
        {
            _guildByChannel[ulong.Parse(channel)] = ulong.Parse(guild);
        }
    }

    /// <summary>The guild a channel belongs to, as far as the messages seen so far tell.</summary>
    internal ulong? GuildOf(ulong channelId) => _guildByChannel.TryGetValue(channelId, out var guild) ? guild : null;

    internal JsonObject? Message(ulong channelId, ulong messageId) =>
        _messages.TryGetValue(messageId, out var m) && m["channel_id"]?.GetValue<string>() == channelId.ToString() ? m : null;

    internal void AddInteraction(JsonObject interaction, TimeSpan receivedAt)
    {
        var fake = new FakeInteraction(Copy(interaction), receivedAt);
        _interactions[ulong.Parse(interaction["id"]!.GetValue<string>())] = fake;
        _interactionsByToken[interaction["token"]!.GetValue<string>()] = fake;
    }

    internal FakeInteraction? Interaction(ulong id) => _interactions.GetValueOrDefault(id);

    internal FakeInteraction? InteractionByToken(string token) => _interactionsByToken.GetValueOrDefault(token);

    internal List<(ulong MessageId, DateTimeOffset PinnedAt)> PinsOf(ulong channelId) => _pins.GetOrAdd(channelId, _ => []);

    internal JsonArray ReplaceCommands(ulong? guildId, JsonArray commands)
    {
        lock (_commandsGate)
        {
            var existing = guildId is { } g ? _guildCommands.GetValueOrDefault(g) ?? [] : _globalCommands;
            var byName = existing.OfType<JsonObject>().ToDictionary(c => (c["type"]?.GetValue<int>() ?? 1, c["name"]!.GetValue<string>()));
            var stored = new JsonArray();
            foreach (var command in commands.OfType<JsonObject>())
            {
                var copy = Copy(command);
                var key = (copy["type"]?.GetValue<int>() ?? 1, copy["name"]!.GetValue<string>());
                if (byName.TryGetValue(key, out var previous))
                {
                    copy["id"] = previous["id"]!.DeepClone();
                }
                else
                {
                    copy["id"] = Snowflakes.Next().ToString();
                    Interlocked.Increment(ref _commandCreates);
                }

                copy["type"] = key.Item1;
                copy["application_id"] = _options.ApplicationId.ToString();
                copy["version"] = Snowflakes.Next().ToString();
                if (guildId is { } guild)
                {
                    copy["guild_id"] = guild.ToString();
                }

                copy["default_member_permissions"] ??= null;
                stored.Add(copy);
            }

            if (guildId is { } id)
            {
                _guildCommands[id] = stored;
            }
            else
            {
                _globalCommands = stored;
            }

            return (JsonArray)stored.DeepClone();
        }
    }

    /// <summary>Copies of the matching messages in creation order; only the matches are copied, as tests poll these while the fake holds thousands.</summary>
    private IReadOnlyList<JsonObject> MessagesWhere(Func<JsonObject, bool> predicate) =>
        _messages.Where(pair => Matches(pair.Value, predicate)).OrderBy(pair => pair.Key).Select(pair => Copy(pair.Value)).ToArray();

    private static bool Matches(JsonObject value, Func<JsonObject, bool> predicate)
    {
        lock (value)
        {
            return predicate(value);
        }
    }

    private static JsonObject Copy(JsonObject value)
    {
        lock (value)
        {
            return (JsonObject)value.DeepClone();
        }
    }
}

/// <summary>An interaction the fake dispatched, and what the bot did with it.</summary>
internal sealed class FakeInteraction(JsonObject payload, TimeSpan receivedAt)
{
    public JsonObject Payload { get; } = payload;
    public TimeSpan ReceivedAt { get; } = receivedAt;
    public List<JsonObject> Responses { get; } = [];
    public ulong? OriginalMessageId { get; set; }
    public List<ulong> FollowupIds { get; } = [];
}
