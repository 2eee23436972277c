using Bot.Discord.Gateway;

namespace Bot.Discord;

/// <summary>Everything the gateway and REST clients need; bound from the <c>Discord</c> configuration section.</summary>
public sealed record DiscordClientOptions
{
    public const string DefaultApiBaseUrl = "https://discord.com/api/v10";

    /// <summary>The bot token, without the "Bot " prefix. Never printed: <see cref="ToString"/> redacts it.</summary>
    public string Token { get; init; } = "";

    /// <summary>REST base URL; the gateway URL is discovered with <c>GET {ApiBaseUrl}/gateway/bot</c>.</summary>
    public string ApiBaseUrl { get; init; } = DefaultApiBaseUrl;

    /// <summary>This process's shard, zero-based. Default 0.</summary>
    public int? ShardId { get; init; }

    /// <summary>Total shards. Default 1, or the count <c>/gateway/bot</c> recommends when only <see cref="ShardId"/> is set.</summary>
    public int? ShardCount { get; init; }

    public GatewayIntents Intents { get; init; } = GatewayIntents.Default;

    /// <summary>Requests per second for routes under Discord's global limit (50 unless Discord granted more). Zero or less: no client-side global limit.</summary>
    public int GlobalRequestsPerSecond { get; init; } = 50;

    /// <summary>The URL in the <c>DiscordBot (url, version)</c> User-Agent Discord requires.</summary>
    public string UserAgentUrl { get; init; } = "https://example.invalid/transcript-bot";

    public DiscordTimings Timings { get; init; } = new();

    /// <summary>A message saying what to fix, or null when the options are usable.</summary>
    public string? Validate()
    {
        if (string.IsNullOrWhiteSpace(Token))
        {
            return "The Discord bot token is not set. Set the DISCORD_TOKEN environment variable or Discord:Token in appsettings.json (Developer Portal > your application > Bot > Reset Token).";
        }

        if (Token.StartsWith("Bot ", StringComparison.OrdinalIgnoreCase) || Token.Any(char.IsWhiteSpace))
        {
            return "The Discord bot token must be the bare token, without a \"Bot \" prefix or spaces.";
        }

        if (!Uri.TryCreate(ApiBaseUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            return $"Discord:ApiBaseUrl must be an absolute http(s) URL such as {DefaultApiBaseUrl}.";
        }

        if (ShardId < 0 || ShardCount < 1 || (ShardId is { } id && ShardCount is { } count && id >= count))
        {
            return "Discord:ShardId must be between 0 and Discord:ShardCount - 1.";
        }

        return null;
    }

    public override string ToString() =>
        $"DiscordClientOptions {{ Token = {(string.IsNullOrEmpty(Token) ? "(not set)" : "(redacted)")}, ApiBaseUrl = {ApiBaseUrl}, "
        + $"ShardId = {ShardId}, ShardCount = {ShardCount}, Intents = {Intents}, GlobalRequestsPerSecond = {GlobalRequestsPerSecond} }}";
}
