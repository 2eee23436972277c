using Bot.Discord.Json;
using Bot.Discord.Models;

namespace Bot.Discord.Rest;

public sealed partial class RestClient
{
    public Task<GatewayBotInfo> GetGatewayBotAsync(CancellationToken cancellationToken = default) =>
        SendAsync(new Route(HttpMethod.Get, "/gateway/bot", "gateway/bot"), DiscordJsonContext.Wire.GatewayBotInfo, cancellationToken);

    public Task<User> GetCurrentUserAsync(CancellationToken cancellationToken = default) =>
        SendAsync(new Route(HttpMethod.Get, "/users/@me", "users/@me"), DiscordJsonContext.Wire.User, cancellationToken);

    public Task<Application> GetCurrentApplicationAsync(CancellationToken cancellationToken = default) =>
        SendAsync(new Route(HttpMethod.Get, "/applications/@me", "applications/@me"), DiscordJsonContext.Wire.Application, cancellationToken);
}
