using Bot.Discord.Interactions;
using Bot.Discord.Models;

namespace Bot.Discord.Gateway;

/// <summary>An event from the gateway. Match on the concrete type; events Discord sends that are not listed here are not delivered.</summary>
public abstract record GatewayEvent
{
    /// <summary>When the event came off the socket (<see cref="System.Diagnostics.Stopwatch.GetTimestamp"/>): where a reply's latency starts.</summary>
    public long ReceivedTimestamp { get; init; } = System.Diagnostics.Stopwatch.GetTimestamp();
}

/// <summary>A new session started; <see cref="ReadyData.User"/> is the bot itself.</summary>
public sealed record ReadyEvent(ReadyData Ready) : GatewayEvent;

/// <summary>A session resumed; the events missed while disconnected were delivered before this one.</summary>
public sealed record ResumedEvent : GatewayEvent;

public sealed record GuildCreateEvent(Guild Guild) : GatewayEvent;

public sealed record MessageCreateEvent(Message Message) : GatewayEvent;

public sealed record InteractionCreateEvent(Interaction Interaction) : GatewayEvent;
