using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Bot.Discord.Json;
using Bot.Discord.Models;
using Microsoft.Extensions.Logging;

namespace Bot.Discord.Gateway;

public sealed partial class GatewayClient
{
    /// <summary>Tracks the sequence, drops replays already delivered, and turns the events the bot uses into typed records.</summary>
    private void Dispatch(GatewayPayload payload)
    {
        if (payload.Sequence is { } sequence)
        {
            if (sequence <= Volatile.Read(ref _sequence))
            {
                _logger.LogDebug("Skipped {Event} with sequence {Sequence}: already delivered in this session.", payload.EventName, sequence);
                return;
            }

            // Recorded even when the event turns out malformed, so that a resume does not ask for it again.
            Volatile.Write(ref _sequence, sequence);
        }

        var gatewayEvent = payload.EventName switch
        {
            "READY" => Read(payload, DiscordJsonContext.Wire.ReadyData, r => r.SessionId.Length > 0, OnReady),
            "RESUMED" => OnResumed(),
            "GUILD_CREATE" => Read(payload, DiscordJsonContext.Wire.Guild, g => g.Id != 0, g => new GuildCreateEvent(g)),
            "MESSAGE_CREATE" => Read(payload, DiscordJsonContext.Wire.Message, m => m.Id != 0 && m.ChannelId != 0, m => new MessageCreateEvent(m)),
            // A property missing from the JSON is null even when the model gives it a default (source-generated init-only
            // properties, dotnet/runtime#84484): an interaction without a token must be skipped, not crash the receive loop.
            "INTERACTION_CREATE" => Read(payload, DiscordJsonContext.Wire.Interaction, i => i.Id != 0 && !string.IsNullOrEmpty(i.Token), i => new InteractionCreateEvent(i)),
            _ => Ignored(payload),
        };

        if (gatewayEvent is not null)
        {
            _events.Writer.TryWrite(gatewayEvent);
        }
    }

    private ReadyEvent OnReady(ReadyData ready)
    {
        _sessionId = ready.SessionId;
        _resumeUri = GatewayUri(ready.ResumeGatewayUrl);
        if (_resumeUri is null)
        {
            _logger.LogWarning("READY carried no usable resume_gateway_url; after a disconnect the bot will identify a new session instead of resuming.");
        }

        _resumeAtDiscoveredUrl = false;
        _backoff.Reset();
        _ready = true;
        _metrics?.SessionStarted();
        _logger.LogInformation(
            "Gateway ready as {UserName} ({UserId}) in {GuildCount} guilds, shard {Shard}.",
            ready.User?.Username, ready.User?.Id, ready.Guilds.Count, ready.Shard is { Count: 2 } shard ? $"{shard[0]}/{shard[1]}" : "0/1");
        return new ReadyEvent(ready);
    }

    private ResumedEvent OnResumed()
    {
        _resumeAtDiscoveredUrl = false;
        _backoff.Reset();
        _ready = true;
        _metrics?.Resumed();
        _logger.LogInformation("Resumed the gateway session at sequence {Sequence}; missed events were replayed.", Volatile.Read(ref _sequence));
        return new ResumedEvent();
    }

    private T? ReadData<T>(GatewayPayload payload, JsonTypeInfo<T> typeInfo, string name)
        where T : class
    {
        if (payload.Data is not { ValueKind: JsonValueKind.Object } data)
        {
            _logger.LogWarning("Skipped {Event} (sequence {Sequence}): its data is missing or not an object.", name, payload.Sequence);
            return null;
        }

        try
        {
            return data.Deserialize(typeInfo);
        }
        catch (JsonException ex)
        {
            _logger.LogWarning("Skipped {Event} (sequence {Sequence}): {Error}", name, payload.Sequence, ex.Message);
            return null;
        }
    }

    /// <summary>The typed event, or null (logged) when the data is malformed or lacks the fields the bot relies on.</summary>
    private GatewayEvent? Read<T>(GatewayPayload payload, JsonTypeInfo<T> typeInfo, Func<T, bool> isComplete, Func<T, GatewayEvent> create)
        where T : class
    {
        if (ReadData(payload, typeInfo, payload.EventName!) is not { } data)
        {
            return null;
        }

        if (!isComplete(data))
        {
            _logger.LogWarning("Skipped {Event} (sequence {Sequence}): required fields are missing.", payload.EventName, payload.Sequence);
            return null;
        }

        return create(data);
    }

    private GatewayEvent? Ignored(GatewayPayload payload)
    {
        _logger.LogDebug("Ignored gateway event {Event}.", payload.EventName);
        return null;
    }
}
