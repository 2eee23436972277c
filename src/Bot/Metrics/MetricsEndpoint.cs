using System.Globalization;
using System.Net;
using Bot.Discord;
using Bot.Discord.Gateway;
using Bot.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace Bot.Metrics;

/// <summary>Metrics:Port (the endpoint is off without it) and Metrics:Host (127.0.0.1 unless set).</summary>
internal sealed record MetricsOptions(string Host, int Port)
{
    public string Address => $"http://{(Host.Contains(':') ? $"[{Host}]" : Host)}:{Port}";

    public static MetricsOptions? From(IConfiguration configuration) =>
        int.TryParse(configuration["Metrics:Port"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var port)
            ? new MetricsOptions(configuration["Metrics:Host"] is { Length: > 0 } host ? host : "127.0.0.1", port)
            : null;

    /// <summary>The instruments always (they cost nothing unheard); OpenTelemetry and the endpoint only when it is configured.</summary>
    public static void AddTo(IServiceCollection services, IConfiguration configuration)
    {
        var meters = new HostMeterFactory();
        services.AddSingleton<System.Diagnostics.Metrics.IMeterFactory>(_ => meters);
        services.AddSingleton<BotMetrics>();
        services.AddSingleton(p => new DiscordMetrics(p.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>()));
        services.AddSingleton<BotHealth>();
        if (From(configuration) is not { } options)
            return;
        services.AddSingleton(options);
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("transcript-bot"))
            .WithMetrics(metrics => metrics
            .AddMeter(BotMetrics.MeterName, DiscordMetrics.MeterName)
            .AddRuntimeInstrumentation()
            .AddView(instrument => meters.Owns(instrument) ? null : MetricStreamConfiguration.Drop)
            .AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0));
        services.AddHostedService<MetricsEndpoint>();
    }
}

/// <summary>What <c>/healthz</c> checks: the index loaded (its first sync with the corpus done) and the gateway READY.</summary>
internal sealed class BotHealth(LiveSearchIndex index, IDiscordGateway gateway)
{
    /// <summary>Null when healthy, else one line saying what is missing.</summary>
    public string? Missing()
    {
        var missing = new List<string>();
        if (!index.Ready.IsCompletedSuccessfully)
            missing.Add("索引还没有载入");
        if (!gateway.IsReady)
            missing.Add("没有连上 Discord 网关（不在 READY 状态）");
        return missing.Count == 0 ? null : "未就绪：" + string.Join("；", missing);
    }
}

/// <summary>
/// <c>GET /metrics</c> (Prometheus text, from OpenTelemetry's exporter) and <c>GET /healthz</c> on Metrics:Host:Metrics:Port:
/// a small Kestrel server of its own beside the bot, so that both share one port.
/// </summary>
internal sealed class MetricsEndpoint(MetricsOptions options, MeterProvider meterProvider, BotHealth health, ILogger<MetricsEndpoint> logger) : IHostedService, IAsyncDisposable
{
    private WebApplication? app;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            if (options.Host.Equals("localhost", StringComparison.OrdinalIgnoreCase))
                kestrel.ListenLocalhost(options.Port);
            else
                kestrel.Listen(IPAddress.Parse(options.Host), options.Port);
        });
        builder.Services.AddRoutingCore();
        var web = builder.Build();
        web.UseRouting();
        web.MapPrometheusScrapingEndpoint("/metrics", meterProvider, configureBranchedPipeline: null, optionsName: null);
        web.MapGet("/healthz", () => health.Missing() is { } missing
            ? Results.Text(missing + "\n", "text/plain; charset=utf-8", statusCode: StatusCodes.Status503ServiceUnavailable)
            : Results.Text("ok\n", "text/plain; charset=utf-8"));
        try
        {
            await web.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            await web.DisposeAsync().ConfigureAwait(false);
            var why = e.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException ? "已被别的程序占用" : $"无法监听：{e.InnerException?.Message ?? e.Message}";
            throw new Cli.UsageException($"指标端口 {options.Address} {why}：换一个 Metrics:Port，或去掉它以关闭 /metrics。");
        }
        app = web;
        logger.LogInformation("Serving metrics at {Address}/metrics and health at {Address}/healthz", options.Address, options.Address);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (app is not null)
            await app.StopAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (app is not null)
            await app.DisposeAsync().ConfigureAwait(false);
    }
}
