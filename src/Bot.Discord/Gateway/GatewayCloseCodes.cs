namespace Bot.Discord.Gateway;

internal enum CloseAction
{
    /// <summary>Reconnect and resume the session (if there is one).</summary>
    Resume,

    /// <summary>Reconnect and identify a new session.</summary>
    NewSession,

    /// <summary>Stop: reconnecting cannot help until a person fixes something.</summary>
    Fatal,
}

/// <summary>What to do after the gateway closes (developers/topics/opcodes-and-status-codes.mdx, "Gateway Close Event Codes").</summary>
internal static class GatewayCloseCodes
{
    /// <summary>Our own close code when we drop a connection we mean to resume: anything but 1000/1001 keeps the session alive.</summary>
    public const int ClientReconnecting = 4900;

    public static CloseAction Classify(int? code) => code switch
    {
        4007 or 4009 => CloseAction.NewSession,
        4004 or (>= 4010 and <= 4014) => CloseAction.Fatal,
        _ => CloseAction.Resume,
    };

    /// <summary>The actionable message for a fatal close code.</summary>
    public static string Explain(int code) => code switch
    {
        4004 => "Discord closed the gateway with 4004 (authentication failed): the bot token is invalid. "
            + "Reset it in the Developer Portal (your application > Bot > Reset Token) and set DISCORD_TOKEN or Discord:Token.",
        4010 => "Discord closed the gateway with 4010 (invalid shard): Discord:ShardId must be between 0 and Discord:ShardCount - 1.",
        4011 => "Discord closed the gateway with 4011 (sharding required): the bot is in too many guilds for one connection. "
            + "Set Discord:ShardCount (GET /gateway/bot recommends a count) and run one process per Discord:ShardId.",
        4012 => "Discord closed the gateway with 4012 (invalid API version): this client speaks gateway v10, which Discord no longer accepts.",
        4013 => "Discord closed the gateway with 4013 (invalid intents): the intents value sent on identify is not valid.",
        4014 => "Discord closed the gateway with 4014 (disallowed intents): the Message Content Intent is not enabled for this bot. "
            + "Enable it in the Discord Developer Portal > your application > Bot > Privileged Gateway Intents > Message Content Intent, then restart. "
            + "Without it the bot can still answer mentions and slash commands: remove MessageContent from Discord:Intents to run that way.",
        _ => $"Discord closed the gateway with {code}.",
    };
}
