using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FakeDiscord;

/// <summary>
/// A fake Discord on 127.0.0.1 (Kestrel, random port) that speaks the real protocol: REST under <see cref="ApiBaseUrl"/>
/// and the gateway over WebSocket at the URL <c>GET /gateway/bot</c> returns. It never needs a real token.
/// <code>
/// await using var discord = await FakeDiscordServer.StartAsync();
/// // point the client at discord.ApiBaseUrl with discord.Options.Token …
/// var session = await discord.Gateway.WaitForReadyAsync();
/// await discord.Gateway.SendMessageCreateAsync(FakePayloads.Message(channelId, "?ask 问题", guildId));
/// var reply = await discord.Rest.WaitForRequestAsync("POST /channels/{channel_id}/messages");
/// </code>
/// </summary>
public sealed class FakeDiscordServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private volatile bool _unreachable;

    private FakeDiscordServer(WebApplication app, FakeDiscordOptions options)
    {
        _app = app;
        Options = options;
        var clock = new ServerClock(options.Time);
        State = new FakeDiscordState(options);
        Gateway = new FakeGateway(options, clock, State);
        Rest = new FakeRest(options, clock, new FakeRestHandlers(options, State, Gateway, clock));
    }

    public FakeDiscordOptions Options { get; }
    public FakeGateway Gateway { get; }
    public FakeRest Rest { get; }
    public FakeDiscordState State { get; }

    /// <summary>e.g. <c>http://127.0.0.1:41234/api/v10</c>: the value for <c>Discord:ApiBaseUrl</c>.</summary>
    public string ApiBaseUrl { get; private set; } = "";

    public static async Task<FakeDiscordServer> StartAsync(FakeDiscordOptions? options = null, CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new FakeDiscordServer(app, options ?? new FakeDiscordOptions());
        app.UseWebSockets();
        app.Run(server.HandleAsync);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);

        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        var authority = $"127.0.0.1:{address.Port}";
        server.ApiBaseUrl = $"http://{authority}/api/v10";
        server.Gateway.Url = $"ws://{authority}/gateway";
        server.Gateway.ResumeUrl = $"ws://{authority}/gateway-resume";
        return server;
    }

    /// <summary>
    /// While true, Discord is unreachable: open gateway connections are cut and every new HTTP or WebSocket attempt is
    /// reset. Sessions and their buffered events survive, so a client that comes back in time can resume.
    /// </summary>
    public void SetUnreachable(bool unreachable)
    {
        _unreachable = unreachable;
        if (unreachable)
        {
            foreach (var connection in Gateway.Connections.Snapshot().Where(c => c.IsOpen))
            {
                connection.Drop();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var connection in Gateway.Connections.Snapshot().Where(c => c.IsOpen))
        {
            connection.Drop();
        }

        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        await _app.StopAsync(deadline.Token).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private Task HandleAsync(HttpContext context)
    {
        if (_unreachable)
        {
            context.Abort();
            return Task.CompletedTask;
        }

        var path = context.Request.Path.Value ?? "";
        if (path is "/gateway" or "/gateway-resume")
        {
            if (context.WebSockets.IsWebSocketRequest)
            {
                return Gateway.AcceptAsync(context);
            }

            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return Task.CompletedTask;
        }

        if (path.StartsWith("/api/v10/", StringComparison.Ordinal))
        {
            return Rest.HandleAsync(context, path["/api/v10".Length..]);
        }

        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }
}
