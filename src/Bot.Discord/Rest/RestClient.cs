using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Bot.Discord.Json;
using Bot.Discord.Rest.RateLimits;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Bot.Discord.Rest;

/// <summary>
/// Discord's HTTP API. Each endpoint (in the partial files by API area) is one line over <see cref="SendRequestAsync"/>,
/// the single place that applies rate limits, retries and error mapping. Logs name routes by template (<see cref="Route.Key"/>),
/// never by path, because interaction paths contain the interaction token.
/// </summary>
public sealed partial class RestClient : IDiscordRest, IDisposable
{
    private static readonly MediaTypeHeaderValue JsonContentType = new("application/json");

    private readonly HttpClient _http;
    private readonly DiscordTimings _timings;
    private readonly ILogger<RestClient> _logger;
    private readonly TimeProvider _time;
    private readonly RateLimitManager _buckets;
    private readonly GlobalRateLimiter _global;
    private readonly DiscordMetrics? _metrics;
    private volatile bool _unauthorized;

    /// <param name="handler">For tests or custom transports; by default a pooled <see cref="SocketsHttpHandler"/>.</param>
    public RestClient(DiscordClientOptions options, ILogger<RestClient>? logger = null, TimeProvider? timeProvider = null, HttpMessageHandler? handler = null, DiscordMetrics? metrics = null)
    {
        if (options.Validate() is { } problem)
        {
            throw new ArgumentException(problem, nameof(options));
        }

        _timings = options.Timings;
        _logger = logger ?? NullLogger<RestClient>.Instance;
        _time = timeProvider ?? TimeProvider.System;
        _metrics = metrics;
        _buckets = new RateLimitManager(_time);
        _global = new GlobalRateLimiter(_time, options.GlobalRequestsPerSecond);
        _http = new HttpClient(handler ?? new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }, disposeHandler: handler is null)
        {
            BaseAddress = new Uri(options.ApiBaseUrl.TrimEnd('/') + "/"),
            Timeout = _timings.RequestTimeout,
        };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bot", options.Token);
        var version = typeof(RestClient).Assembly.GetName().Version ?? new Version(1, 0);
        _http.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", $"DiscordBot ({options.UserAgentUrl}, {version.ToString(2)})");
    }

    public void Dispose() => _http.Dispose();

    private async Task<TResponse> SendAsync<TResponse>(Route route, JsonTypeInfo<TResponse> responseType, CancellationToken cancellationToken) =>
        Read(route, await SendRequestAsync(route, null, cancellationToken).ConfigureAwait(false), responseType);

    private async Task<TResponse> SendAsync<TRequest, TResponse>(
        Route route, TRequest body, JsonTypeInfo<TRequest> requestType, JsonTypeInfo<TResponse> responseType, CancellationToken cancellationToken) =>
        Read(route, await SendRequestAsync(route, JsonSerializer.SerializeToUtf8Bytes(body, requestType), cancellationToken).ConfigureAwait(false), responseType);

    private async Task SendAsync<TRequest>(Route route, TRequest body, JsonTypeInfo<TRequest> requestType, CancellationToken cancellationToken) =>
        await SendRequestAsync(route, JsonSerializer.SerializeToUtf8Bytes(body, requestType), cancellationToken).ConfigureAwait(false);

    private async Task SendAsync(Route route, CancellationToken cancellationToken) =>
        await SendRequestAsync(route, null, cancellationToken).ConfigureAwait(false);

    private async Task<byte[]> SendRequestAsync(Route route, byte[]? body, CancellationToken cancellationToken)
    {
        ThrowIfUnauthorized(route);

        // Taking a place in the bucket's line happens before the first await, so calls made in order are sent in order.
        var (bucket, entered) = _buckets.Enter(route, cancellationToken);
        await entered.ConfigureAwait(false);
        try
        {
            return await SendInBucketAsync(route, bucket, body, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            bucket.Exit();
        }
    }

    private async Task<byte[]> SendInBucketAsync(Route route, BucketLimiter bucket, byte[]? body, CancellationToken cancellationToken)
    {
        var failedAttempts = 0;
        var rateLimitedAttempts = 0;
        while (true)
        {
            await WaitForBucketAsync(route, bucket, cancellationToken).ConfigureAwait(false);
            await _global.WaitAsync(route.ExemptFromGlobalLimit, cancellationToken).ConfigureAwait(false);
            ThrowIfUnauthorized(route);

            HttpResponseMessage response;
            try
            {
                using var request = CreateRequest(route, body);
                response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (IsLostResponse(ex, cancellationToken))
            {
                failedAttempts++;
                if (!route.RetryOnServerError || failedAttempts > _timings.ServerErrorRetries)
                {
                    throw new DiscordServerErrorException(route.ToString(), null, failedAttempts, ex);
                }

                await DelayBeforeRetryAsync(route, "no response", failedAttempts, cancellationToken).ConfigureAwait(false);
                continue;
            }

            using (response)
            {
                var headers = RateLimitHeaders.Read(response.Headers);
                bucket.Update(headers);
                _buckets.LearnBucketHash(route, headers.Bucket);
                var content = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    return content;
                }

                var error = ReadError(content);
                switch (response.StatusCode)
                {
                    case HttpStatusCode.TooManyRequests:
                        var retryAfter = OnRateLimited(route, bucket, headers, error);
                        if (++rateLimitedAttempts > _timings.RateLimitRetries)
                        {
                            throw new DiscordRateLimitedException(route.ToString(), retryAfter, error?.Global == true || headers.Global);
                        }

                        _metrics?.Retry(route.Key, "rate_limited");
                        continue;

                    case HttpStatusCode.Unauthorized:
                        _unauthorized = true;
                        _logger.LogError("Discord rejected the bot token on {Route}; all further requests are stopped. Check Discord:Token / DISCORD_TOKEN.", route.Key);
                        throw new DiscordUnauthorizedException(route.ToString(), error?.Code, error?.Message);

                    case >= HttpStatusCode.InternalServerError when route.RetryOnServerError && failedAttempts < _timings.ServerErrorRetries:
                        failedAttempts++;
                        await DelayBeforeRetryAsync(route, $"HTTP {(int)response.StatusCode}", failedAttempts, cancellationToken).ConfigureAwait(false);
                        continue;

                    case >= HttpStatusCode.InternalServerError:
                        throw new DiscordServerErrorException(route.ToString(), response.StatusCode, failedAttempts + 1);

                    default:
                        throw new DiscordApiException(route.ToString(), response.StatusCode, error?.Code, error?.Message, error?.Errors);
                }
            }
        }
    }

    private TimeSpan OnRateLimited(Route route, BucketLimiter bucket, RateLimitHeaders headers, DiscordErrorBody? error)
    {
        var retryAfter = error?.RetryAfter is { } seconds and >= 0 ? TimeSpan.FromSeconds(seconds)
            : headers.RetryAfter ?? headers.ResetAfter ?? TimeSpan.FromSeconds(1);

        _metrics?.RateLimited(route.Key, !headers.Present ? "unattributed" : error?.Global == true || headers.Global ? "global" : "bucket");
        if (!headers.Present)
        {
            var backoff = retryAfter > _timings.UnattributedRateLimitBackoff ? retryAfter : _timings.UnattributedRateLimitBackoff;
            _global.PauseAll(backoff);
            _logger.LogWarning(
                "HTTP 429 without rate-limit headers on {Route}: probably a Cloudflare block for too many invalid requests. Pausing all requests for {DelayMs} ms.",
                route.Key, (long)backoff.TotalMilliseconds);
        }
        else if (error?.Global == true || headers.Global)
        {
            _global.PauseGlobal(retryAfter);
            _logger.LogWarning("Global rate limit hit on {Route}; pausing requests for {DelayMs} ms.", route.Key, (long)retryAfter.TotalMilliseconds);
        }
        else
        {
            bucket.BlockFor(retryAfter);
            _logger.LogWarning(
                "Rate limited on {Route} (scope {Scope}); retrying in {DelayMs} ms.", route.Key, headers.Scope ?? "user", (long)retryAfter.TotalMilliseconds);
        }

        return retryAfter;
    }

    private async Task WaitForBucketAsync(Route route, BucketLimiter bucket, CancellationToken cancellationToken)
    {
        var delay = bucket.DelayBeforeSend();
        if (delay <= TimeSpan.Zero)
        {
            return;
        }

        _logger.LogWarning("Rate limit bucket for {Route} is empty; waiting {DelayMs} ms for it to reset.", route.Key, (long)delay.TotalMilliseconds);
        await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
    }

    private async Task DelayBeforeRetryAsync(Route route, string failure, int attempt, CancellationToken cancellationToken)
    {
        _metrics?.Retry(route.Key, failure == "no response" ? "no_response" : "server_error");
        var exponential = _timings.ServerErrorBaseDelay * Math.Pow(2, attempt - 1);
        var delay = exponential * (0.5 + (Random.Shared.NextDouble() / 2));
        _logger.LogWarning(
            "Discord gave {Failure} for {Route}; retry {Attempt} of {MaxRetries} in {DelayMs} ms.",
            failure, route.Key, attempt, _timings.ServerErrorRetries, (long)delay.TotalMilliseconds);
        await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
    }

    private void ThrowIfUnauthorized(Route route)
    {
        if (_unauthorized)
        {
            throw new DiscordUnauthorizedException(route.ToString());
        }
    }

    private static HttpRequestMessage CreateRequest(Route route, byte[]? body)
    {
        var request = new HttpRequestMessage(route.Method, route.Path);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body) { Headers = { ContentType = JsonContentType } };
        }

        return request;
    }

    /// <summary>The request may or may not have reached Discord: a connection failure or our own timeout, not the caller cancelling.</summary>
    private static bool IsLostResponse(Exception exception, CancellationToken cancellationToken) =>
        exception is HttpRequestException or IOException
        || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested);

    private static DiscordErrorBody? ReadError(byte[] content)
    {
        try
        {
            return content.Length == 0 ? null : JsonSerializer.Deserialize(content, DiscordJsonContext.Wire.DiscordErrorBody);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static T Read<T>(Route route, byte[] content, JsonTypeInfo<T> typeInfo)
    {
        try
        {
            return JsonSerializer.Deserialize(content, typeInfo) ?? throw new JsonException("The response body was null.");
        }
        catch (JsonException ex)
        {
            throw new DiscordException($"Discord's response to {route} could not be read: {ex.Message}", ex);
        }
    }
}
