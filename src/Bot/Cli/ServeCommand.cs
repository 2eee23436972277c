using System.CommandLine;
using Bot.Discord;
using Bot.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Bot.Cli;

/// <summary><c>serve</c> (the default): runs the bot until Ctrl+C or SIGTERM.</summary>
internal static class ServeCommand
{
    public const int MissingToken = 2;

    public static Command Create(BotSettings settings)
    {
        var command = new Command("serve", "运行 Discord 机器人（默认命令）。");
        command.SetAction((_, cancellationToken) => RunAsync(settings, cancellationToken));
        return command;
    }

    public static async Task<int> RunAsync(BotSettings settings, CancellationToken cancellationToken)
    {
        if (settings.DiscordToken is null)
        {
            Console.Error.WriteLine("未设置 Discord 机器人令牌。请先设置环境变量 DISCORD_TOKEN（例如 export DISCORD_TOKEN=你的令牌），"
                + "或在 appsettings.json 中填写 Discord:Token，然后再运行。令牌在 Discord 开发者门户 → 你的应用 → Bot → Reset Token 获取。");
            return MissingToken;
        }
        using var host = BotHost.Build(settings.Configuration);
        if (host.Services.GetRequiredService<DiscordClientOptions>().Validate() is { } problem)
            throw new UsageException(problem);
        var bot = host.Services.GetRequiredService<DiscordBotService>();
        await host.RunAsync(cancellationToken).ConfigureAwait(false);
        if (bot.FatalError is { } fatal)
            Console.Error.WriteLine($"机器人已停止：{fatal}");
        return bot.FatalError is null ? 0 : 1;
    }
}
