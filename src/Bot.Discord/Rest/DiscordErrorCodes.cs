namespace Bot.Discord.Rest;

/// <summary>JSON error codes from developers/topics/opcodes-and-status-codes.mdx that the bot reacts to.</summary>
public static class DiscordErrorCodes
{
    public const int UnknownChannel = 10003;
    public const int UnknownMessage = 10008;
    public const int UnknownInteraction = 10062;
    public const int MaxPinsReached = 30003;
    public const int InteractionAlreadyAcknowledged = 40060;
    public const int MissingAccess = 50001;
    public const int MissingPermissions = 50013;
    public const int InvalidFormBody = 50035;
}
