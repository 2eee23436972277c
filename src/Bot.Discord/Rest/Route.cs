namespace Bot.Discord.Rest;

/// <summary>
/// One REST call: the method and URL template identify the rate-limit route, the major parameter
/// (channel, guild, webhook or interaction) splits it per top-level resource as Discord does.
/// <see cref="ToString"/> shows only the template, so the interaction token in the path never reaches a log.
/// </summary>
internal sealed class Route(
    HttpMethod method,
    string template,
    string path,
    string majorParameter = "",
    bool exemptFromGlobalLimit = false,
    bool? retryOnServerError = null)
{
    public HttpMethod Method { get; } = method;

    /// <summary>Relative to the API base URL, without a leading slash.</summary>
    public string Path { get; } = path;
    public string MajorParameter { get; } = majorParameter;

    /// <summary>Interaction endpoints are not bound to the global rate limit.</summary>
    public bool ExemptFromGlobalLimit { get; } = exemptFromGlobalLimit;

    /// <summary>Whether repeating the request after a 5xx or a lost response is harmless. POSTs are not, unless made idempotent (nonce).</summary>
    public bool RetryOnServerError { get; } = retryOnServerError ?? method != HttpMethod.Post;

    /// <summary>Method and template, e.g. <c>POST /channels/{channel_id}/messages</c>.</summary>
    public string Key { get; } = $"{method.Method} {template}";

    public override string ToString() => Key;

    public static string Escape(string segment) => Uri.EscapeDataString(segment);
}
