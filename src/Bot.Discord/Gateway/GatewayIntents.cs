namespace Bot.Discord.Gateway;

/// <summary>Which events the gateway sends (developers/events/gateway.mdx, "List of Intents").</summary>
[Flags]
public enum GatewayIntents
{
    None = 0,
    Guilds = 1 << 0,
    GuildMembers = 1 << 1,
    GuildMessages = 1 << 9,
    GuildMessageReactions = 1 << 10,
    DirectMessages = 1 << 12,

    /// <summary>Privileged: must be enabled in the Developer Portal, or the gateway closes with 4014.</summary>
    MessageContent = 1 << 15,

    /// <summary>What the bot needs: guilds, guild and direct messages, and message content.</summary>
    Default = Guilds | GuildMessages | DirectMessages | MessageContent,
}
