namespace Vigil.Scrape.Http;

/// <summary>What a caller of <see cref="HttpClientFactory"/> decides beyond the config's HTTP client settings.</summary>
public sealed record HttpClientFactoryOptions
{
    /// <summary>The defaults: no automatic decompression, the system clock.</summary>
    public static HttpClientFactoryOptions Default { get; } = new();

    /// <summary>
    /// Whether gzip/deflate bodies are decompressed by the handler. Scraping leaves this off and decompresses
    /// itself, to bound the decompressed size and report truncated streams.
    /// </summary>
    public bool AutomaticDecompression { get; init; }

    /// <summary>Clock for OAuth 2.0 token expiry.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;
}
