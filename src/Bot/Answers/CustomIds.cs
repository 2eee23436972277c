using System.Globalization;
using Bot.Storage;

namespace Bot.Answers;

/// <summary>
/// The custom ids of the answer buttons. They carry only the answer's id (and the page): the question is in
/// SQLite, so buttons keep working after a restart and a forged id cannot smuggle in a question.
/// </summary>
internal static class CustomIds
{
    public static string More(long answerId, int offset) => $"more:{answerId}:{offset}";

    public static string Pin(long answerId) => $"pin:{answerId}";

    /// <summary>The 全文 button: the whole passages of the answer's page at <paramref name="offset"/>.</summary>
    public static string Full(long answerId, int offset) => $"full:{answerId}:{offset}";

    public static string Vote(long answerId, Vote vote) => $"{(vote == Storage.Vote.Up ? "up" : "down")}:{answerId}";

    public static bool TryParseMore(string? customId, out long answerId, out int offset) =>
        TryParsePaged("more", customId, out answerId, out offset);

    public static bool TryParseFull(string? customId, out long answerId, out int offset) =>
        TryParsePaged("full", customId, out answerId, out offset);

    /// <summary>"kind:answer:offset", with an offset no deeper than any page the bot shows.</summary>
    private static bool TryParsePaged(string kind, string? customId, out long answerId, out int offset)
    {
        answerId = 0;
        offset = 0;
        var parts = customId?.Split(':');
        return parts is [var head, var id, var page]
            && head == kind
            && long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out answerId)
            && int.TryParse(page, NumberStyles.None, CultureInfo.InvariantCulture, out offset)
            && offset is >= 0 and <= 300;
    }

    public static bool TryParsePin(string? customId, out long answerId)
    {
        answerId = 0;
        var parts = customId?.Split(':');
        return parts is ["pin", var id] && long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out answerId);
    }

    public static bool TryParseVote(string? customId, out long answerId, out Vote vote)
    {
        answerId = 0;
        vote = default;
        var parts = customId?.Split(':');
        if (parts is not [var kind and ("up" or "down"), var id] || !long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out answerId))
            return false;
        vote = kind == "up" ? Storage.Vote.Up : Storage.Vote.Down;
        return true;
    }
}
