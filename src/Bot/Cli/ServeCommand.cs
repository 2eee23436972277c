using System.CommandLine;
using Bot.Hosting;
using Bot.Settings;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Bot.Cli;

/// <summary><c>serve</c> (the default): runs the bot until Ctrl+C or SIGTERM.</summary>
internal static class ServeCommand
{
    public static Command Create(BotSettings settings)
    {
        var command = new Command("serve", "运行 Discord 机器人（默认命令）。");
        command.SetAction((_, cancellationToken) => RunAsync(settings, cancellationToken));
        return command;
    }

    /// <summary>What a command needs of the settings, checked before it runs.</summary>
    public static SettingsUse UseOf(Command command) => command.Name switch
    {
        "serve" => SettingsUse.Discord | SettingsUse.Corpus,
        _ when command is RootCommand => SettingsUse.Discord | SettingsUse.Corpus,
        "ask" or "search" or "index" => SettingsUse.Corpus,
        _ => SettingsUse.Values,
    };

    public static async Task<int> RunAsync(BotSettings settings, CancellationToken cancellationToken)
    {
        using var host = BotHost.Build(settings);
        var bot = host.Services.GetRequiredService<DiscordBotService>();
        await host.RunAsync(cancellationToken).ConfigureAwait(false);
        if (bot.FatalError is { } fatal)
            Console.Error.WriteLine($"机器人已停止：{fatal}");
        return bot.FatalError is null ? 0 : 1;
    }
}
