using System.Net;
using System.Text.Json;

namespace Bot.Discord.Rest;

/// <summary>Discord answered with an error: the HTTP status and, when Discord sent one, its JSON error code and message.</summary>
public class DiscordApiException : DiscordException
{
    public DiscordApiException(string route, HttpStatusCode statusCode, int? code, string? discordMessage, JsonElement? errors = null, string? message = null)
        : base(message ?? Describe(route, statusCode, code, discordMessage))
    {
        Route = route;
        StatusCode = statusCode;
        Code = code;
        DiscordMessage = discordMessage;
        Errors = errors;
    }

    /// <summary>Method and route template, e.g. <c>POST /channels/{channel_id}/messages</c> (never the interaction token).</summary>
    public string Route { get; }
    public HttpStatusCode StatusCode { get; }

    /// <summary>Discord's JSON error code, e.g. 50013 Missing Permissions (see <see cref="DiscordErrorCodes"/>).</summary>
    public int? Code { get; }
    public string? DiscordMessage { get; }

    /// <summary>Field-level details of a 50035 Invalid Form Body.</summary>
    public JsonElement? Errors { get; }

    private static string Describe(string route, HttpStatusCode statusCode, int? code, string? discordMessage) =>
        $"Discord refused {route}: HTTP {(int)statusCode}"
        + (code is { } c ? $", error {c}" : "")
        + (string.IsNullOrEmpty(discordMessage) ? "" : $" ({discordMessage})")
        + ".";
}

/// <summary>Discord rejected the bot token. Every later request fails fast with this exception instead of reaching Discord.</summary>
public sealed class DiscordUnauthorizedException(string route, int? code = null, string? discordMessage = null)
    : DiscordApiException(
        route,
        HttpStatusCode.Unauthorized,
        code,
        discordMessage,
        message: $"Discord rejected the bot token (HTTP 401 on {route}). Check Discord:Token / DISCORD_TOKEN; no further requests will be sent.");

/// <summary>A request was still rate limited after the allowed number of waits and retries.</summary>
public sealed class DiscordRateLimitedException(string route, TimeSpan retryAfter, bool global)
    : DiscordApiException(
        route,
        HttpStatusCode.TooManyRequests,
        code: null,
        discordMessage: null,
        message: $"Discord kept rate limiting {route}{(global ? " (global limit)" : "")}; retry after {retryAfter.TotalSeconds:0.###} s.")
{
    public TimeSpan RetryAfter { get; } = retryAfter;
    public bool IsGlobal { get; } = global;
}

/// <summary>Discord answered 5xx, or not at all, for every allowed attempt.</summary>
public sealed class DiscordServerErrorException(string route, HttpStatusCode? statusCode, int attempts, Exception? innerException = null)
    : DiscordException(
        $"Discord did not complete {route} after {attempts} attempt(s): "
        + (statusCode is { } s ? $"HTTP {(int)s}." : "no response."),
        innerException)
{
    public string Route { get; } = route;

    /// <summary>The last status, or null when the last attempt got no response at all.</summary>
    public HttpStatusCode? StatusCode { get; } = statusCode;
    public int Attempts { get; } = attempts;
}
