using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Bot.Discord.Gateway;

/// <summary>
/// Runs a handler for each gateway event on the thread pool, at most <c>maxConcurrency</c> at a time, so that a slow
/// answer neither holds up other questions nor the connection. A handler that throws is logged; the next event still runs.
/// </summary>
public sealed class GatewayEventDispatcher(IDiscordGateway gateway, ILogger<GatewayEventDispatcher>? logger = null, int maxConcurrency = 32)
{
    private readonly ILogger _logger = logger ?? NullLogger<GatewayEventDispatcher>.Instance;

    /// <summary>Handles events until the gateway's stream ends or <paramref name="cancellationToken"/> is cancelled, then waits for running handlers.</summary>
    public async Task RunAsync(Func<GatewayEvent, CancellationToken, Task> handler, CancellationToken cancellationToken = default)
    {
        using var slots = new SemaphoreSlim(maxConcurrency, maxConcurrency);
        try
        {
            await foreach (var gatewayEvent in gateway.ReadEventsAsync(cancellationToken).ConfigureAwait(false))
            {
                await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
                _ = Task.Run(() => HandleAsync(handler, gatewayEvent, slots, cancellationToken), CancellationToken.None);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down: fall through to wait for the handlers already running.
        }

        for (var i = 0; i < maxConcurrency; i++)
        {
            await slots.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    private async Task HandleAsync(Func<GatewayEvent, CancellationToken, Task> handler, GatewayEvent gatewayEvent, SemaphoreSlim slots, CancellationToken cancellationToken)
    {
        try
        {
            await handler(gatewayEvent, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down.
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "Handler for {Event} failed; the gateway carries on.", gatewayEvent.GetType().Name);
        }
        finally
        {
            slots.Release();
        }
    }
}
