namespace Vigil.IntegrationTests.Harness;

/// <summary>One scripted answer of the <see cref="HttpSink"/>: what Slack or a webhook endpoint would say.</summary>
public sealed record SinkResponse(int Status, string Body, string ContentType = "text/plain; charset=utf-8")
{
    /// <summary>Extra response headers (e.g. <c>Retry-After</c>).</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>How long to wait before answering (a slow endpoint).</summary>
    public TimeSpan Delay { get; init; }

    /// <summary>Slack's incoming-webhook success answer.</summary>
    public static SinkResponse Ok { get; } = new(200, "ok");

    /// <summary>Slack's answer for a revoked or wrong webhook URL: the seed's silent failure.</summary>
    public static SinkResponse InvalidToken { get; } = new(403, "invalid_token");

    /// <summary>Slack's answer for a channel that does not exist.</summary>
    public static SinkResponse ChannelNotFound { get; } = new(404, "channel_not_found");

    /// <summary>A server error; Alertmanager retries these.</summary>
    public static SinkResponse ServerError { get; } = new(500, "internal error");

    /// <summary>Rate limited, asking the client to come back after <paramref name="seconds"/>.</summary>
    public static SinkResponse TooManyRequests(int seconds) =>
        new(429, "rate_limited") { Headers = new Dictionary<string, string> { ["Retry-After"] = seconds.ToString() } };

    /// <summary>Answers 200 ok after <paramref name="delay"/>.</summary>
    public static SinkResponse Slow(TimeSpan delay) => Ok with { Delay = delay };
}
