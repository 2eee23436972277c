namespace Bot.Discord;

/// <summary>Base of every error this library raises on purpose. Messages never contain the bot or interaction tokens.</summary>
public class DiscordException : Exception
{
    public DiscordException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
