using Bot.Conversation;
using Bot.Discord;
using Bot.Discord.Gateway;
using Bot.Discord.Interactions;
using Bot.Discord.Rest;
using Bot.Interactions;
using Bot.Pins;
using Bot.Search.Analysis;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Bot.Hosting;

/// <summary>
/// Keeps the bot on Discord: the gateway connection, events handed to the handlers off the receive loop,
/// commands registered and interrupted pins settled once connected. A fatal close (a bad token, a missing
/// intent) stops the host with its actionable message.
/// </summary>
internal sealed class DiscordBotService(
    IDiscordGateway gateway,
    IDiscordRest rest,
    BotIdentity identity,
    BotOptions options,
    GuildLog guilds,
    MessageHandler messages,
    InteractionHandler interactions,
    PinService pinService,
    IHostApplicationLifetime lifetime,
    ILoggerFactory loggers,
    ILogger<DiscordBotService> logger) : BackgroundService
{
    /// <summary>On shutdown, answers already being worked on get this long to be sent (the host waits 10 s in all).</summary>
    private static readonly TimeSpan Drain = TimeSpan.FromSeconds(5);

    /// <summary>Events handled at once.</summary>
    private const int MaxConcurrentHandlers = 64;

    /// <summary>
    /// Handlers hold a pool thread for their synchronous part (the search, SQLite). At a modest rate the thread pool's
    /// hill climbing lets the number of active workers fall to two or three; when a few handlers then block at once, the
    /// pool adds threads only about twice a second, and the replies (and the new HTTP connections they need) wait: in the
    /// load test at 20 questions a second, 3 runs in 4 had replies held up 0.6 to 1.8 s. With this floor, none did.
    /// </summary>
    private const int MinWorkerThreads = 16;

    private int setUp;

    /// <summary>Set when the gateway stopped for good: what the operator must fix.</summary>
    public string? FatalError { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Stopping ends the gateway and the intake of events at once; handlers keep their own token a little longer,
        // so that a question being answered when SIGTERM comes still gets its reply.
        using var draining = new CancellationTokenSource();
        using var stopping = stoppingToken.Register(() => draining.CancelAfter(Drain));
        _ = Task.Run(ChineseScript.Warm, CancellationToken.None); // ICU's rules, loaded before the first channel question needs them
        ThreadPool.GetMinThreads(out var workers, out var completionPorts);
        if (workers < MinWorkerThreads)
            ThreadPool.SetMinThreads(MinWorkerThreads, completionPorts);
        var dispatcher = new GatewayEventDispatcher(gateway, loggers.CreateLogger<GatewayEventDispatcher>(), maxConcurrency: MaxConcurrentHandlers);
        var handling = dispatcher.RunAsync((gatewayEvent, _) => HandleAsync(gatewayEvent, draining.Token), stoppingToken);
        try
        {
            await gateway.RunAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is GatewayFatalException or DiscordUnauthorizedException)
        {
            FatalError = Explain(e);
            logger.LogCritical("The bot cannot stay connected to Discord: {Reason}", e.Message);
            lifetime.StopApplication();
        }
        await handling.ConfigureAwait(false);
    }

    private async Task HandleAsync(GatewayEvent gatewayEvent, CancellationToken cancellationToken)
    {
        switch (gatewayEvent)
        {
            case ReadyEvent ready:
                identity.Set(ready.Ready.User?.Id ?? 0, ready.Ready.Application?.Id ?? 0);
                guilds.Ready(ready.Ready);
                if (Interlocked.Exchange(ref setUp, 1) == 0)
                    await SetUpAsync(cancellationToken).ConfigureAwait(false);
                break;
            case GuildCreateEvent created:
                guilds.GuildCreated(created.Guild);
                break;
            case MessageCreateEvent created:
                await identity.Known.WaitAsync(cancellationToken).ConfigureAwait(false);
                await messages.HandleAsync(created.Message, cancellationToken, created.ReceivedTimestamp).ConfigureAwait(false);
                break;
            case InteractionCreateEvent created:
                await identity.Known.WaitAsync(cancellationToken).ConfigureAwait(false);
                await interactions.HandleAsync(created.Interaction, cancellationToken, created.ReceivedTimestamp).ConfigureAwait(false);
                break;
        }
    }

    /// <summary>What the operator must fix, in Chinese (the client's own messages are English, for logs).</summary>
    internal static string Explain(Exception e) => e switch
    {
        DiscordUnauthorizedException => "Discord 拒绝了机器人令牌（HTTP 401）。请检查 DISCORD_TOKEN 或 Discord:Token：在开发者门户 → 你的应用 → Bot → Reset Token 取得新令牌；之后不会再向 Discord 发送请求。",
        GatewayFatalException { CloseCode: 4004 } => "Discord 以 4004 关闭了网关（认证失败）：令牌无效。请在开发者门户 → 你的应用 → Bot → Reset Token 重新取得，并设置 DISCORD_TOKEN 或 Discord:Token。",
        GatewayFatalException { CloseCode: 4010 } => "Discord 以 4010 关闭了网关（分片无效）：Discord:ShardId 须在 0 到 Discord:ShardCount - 1 之间。",
        GatewayFatalException { CloseCode: 4011 } => "Discord 以 4011 关闭了网关（需要分片）：机器人所在的服务器太多，一个连接不够。请设置 Discord:ShardCount，每个 Discord:ShardId 运行一个进程。",
        GatewayFatalException { CloseCode: 4012 } => "Discord 以 4012 关闭了网关（API 版本无效）：这个客户端使用网关 v10，Discord 已不再接受。",
        GatewayFatalException { CloseCode: 4013 } => "Discord 以 4013 关闭了网关（意图无效）：Discord:Intents 的值不对。",
        GatewayFatalException { CloseCode: 4014 } => "Discord 以 4014 关闭了网关（不允许的意图）：这个机器人没有开启 Message Content Intent。"
            + "请在开发者门户 → 你的应用 → Bot → Privileged Gateway Intents 打开它再重启；或者从 Discord:Intents 去掉 MessageContent，只回答 @提及 和斜杠命令。",
        GatewayFatalException fatal => $"Discord 以 {fatal.CloseCode} 关闭了网关，重连也无法解决。",
        _ => e.Message,
    };

    /// <summary>Once per process: register the commands (only when they changed) and settle interrupted pins.</summary>
    private async Task SetUpAsync(CancellationToken cancellationToken)
    {
        try
        {
            var changed = await ApplicationCommandSync.SyncAsync(rest, identity.ApplicationId, options.GuildId, CommandCatalog.All, cancellationToken).ConfigureAwait(false);
            logger.LogInformation(changed ? "Registered the slash commands {Scope}" : "Slash commands already up to date {Scope}",
                options.GuildId is { } guild ? $"in server {guild}" : "globally");
        }
        catch (DiscordException e) when (e is not DiscordUnauthorizedException)
        {
            logger.LogWarning("Could not register the slash commands: {Reason}", e.Message);
        }
        await pinService.ReconcileAsync(cancellationToken).ConfigureAwait(false);
    }
}
