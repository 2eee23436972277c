using Bot.Answers;
using Bot.Conversation;
using Bot.Discord;
using Bot.Discord.Gateway;
using Bot.Discord.Rest;
using Bot.Gaps;
using Bot.Interactions;
using Bot.Metrics;
using Bot.Pins;
using Bot.Search;
using Bot.Settings;
using Bot.Storage;
using Bot.Votes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Bot.Hosting;

/// <summary>
/// Composes the bot with the .NET Generic Host: configuration (appsettings.json, environment variables),
/// console logging, graceful shutdown on Ctrl+C and SIGTERM; the search index and the Discord client joined
/// by the bot's handlers.
/// </summary>
internal static class BotHost
{
    public static IHost Build(IConfiguration configuration, Action<IServiceCollection>? customize = null) =>
        Build(new BotSettings { Configuration = configuration }, customize);

    /// <exception cref="Cli.UsageException">A setting holds a value that is not allowed (the message says which).</exception>
    public static IHost Build(BotSettings settings, Action<IServiceCollection>? customize = null)
    {
        if (SettingsValidator.Check(settings, SettingsUse.Values) is { } problem)
            throw new Cli.UsageException(problem);
        var configuration = settings.Configuration;
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            DisableDefaults = true,
            ContentRootPath = settings.Root,
        });
        builder.Configuration.AddConfiguration(configuration);
        builder.Logging.AddConfiguration(configuration.GetSection("Logging"));
        builder.Logging.AddSimpleConsole(LogFormat.Apply);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(10));

        var services = builder.Services;
        services.AddSingleton(settings);
        services.AddSingleton(TimeProvider.System);
        MetricsOptions.AddTo(services, configuration);
        services.AddHostedService<StartLine>();
        services.AddSingleton(BotOptions.From(configuration));
        services.AddSingleton(DiscordOptions(configuration, settings));
        services.AddSingleton(settings.SearchIndex);
        services.AddSingleton<BotIdentity>();

        services.AddSingleton<LiveSearchIndex>();
        services.AddSingleton<ISearchIndex>(p => p.GetRequiredService<LiveSearchIndex>());
        services.AddHostedService(p => p.GetRequiredService<LiveSearchIndex>());

        services.AddSingleton<RestClient>(p => new RestClient(
            p.GetRequiredService<DiscordClientOptions>(), p.GetRequiredService<ILogger<RestClient>>(), p.GetRequiredService<TimeProvider>(), metrics: p.GetRequiredService<DiscordMetrics>()));
        services.AddSingleton<IDiscordRest>(p => p.GetRequiredService<RestClient>());
        services.AddSingleton<IDiscordGateway>(p => new GatewayClient(
            p.GetRequiredService<DiscordClientOptions>(), p.GetRequiredService<IDiscordRest>(), p.GetRequiredService<ILogger<GatewayClient>>(), p.GetRequiredService<TimeProvider>(),
            p.GetRequiredService<DiscordMetrics>()));

        services.AddSingleton(p => new BotDatabase(p.GetRequiredService<SearchIndexOptions>().IndexPath));
        services.AddSingleton<QuickWriter>();
        services.AddSingleton<AnswerStore>();
        services.AddSingleton<PinStore>();
        services.AddSingleton<VoteStore>();
        services.AddSingleton<QuestionLog>();
        services.AddHostedService<QuestionLogRetention>();
        services.AddSingleton<PinnedAnswers>();
        services.AddSingleton<DownvotedPassages>();
        services.AddSingleton<AnswerService>();
        services.AddSingleton(p =>
        {
            var options = p.GetRequiredService<BotOptions>();
            return new Cooldown(p.GetRequiredService<TimeProvider>(), options.CooldownQuestions, TimeSpan.FromSeconds(options.CooldownSeconds));
        });
        services.AddSingleton<QuestionCleaner>();
        services.AddSingleton<QuestionExtractor>();
        services.AddSingleton<MessageHandler>();
        services.AddSingleton<InteractionResponder>();
        services.AddSingleton<PinService>();
        services.AddSingleton<VoteService>();
        services.AddSingleton<GapFinder>();
        services.AddSingleton<GapsCommand>();
        services.AddSingleton<InteractionHandler>();
        services.AddSingleton<GuildLog>();
        services.AddSingleton<DiscordBotService>();
        services.AddHostedService(p => p.GetRequiredService<DiscordBotService>());

        customize?.Invoke(services);
        return builder.Build();
    }

    /// <summary>The Discord section, with the token from DISCORD_TOKEN when the section has none.</summary>
    private static DiscordClientOptions DiscordOptions(IConfiguration configuration, BotSettings settings)
    {
        var options = configuration.GetSection("Discord").Get<DiscordClientOptions>() ?? new DiscordClientOptions();
        return options with
        {
            Token = settings.DiscordToken ?? "",
            ApiBaseUrl = string.IsNullOrWhiteSpace(options.ApiBaseUrl) ? DiscordClientOptions.DefaultApiBaseUrl : options.ApiBaseUrl,
            UserAgentUrl = "https://github.com/transcript-bot/transcript-bot",
        };
    }
}
