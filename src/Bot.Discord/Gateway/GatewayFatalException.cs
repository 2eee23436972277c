namespace Bot.Discord.Gateway;

/// <summary>The gateway closed with a code that reconnecting cannot fix; the message says what to change.</summary>
public sealed class GatewayFatalException(int closeCode)
    : DiscordException(GatewayCloseCodes.Explain(closeCode))
{
    public int CloseCode { get; } = closeCode;
}
