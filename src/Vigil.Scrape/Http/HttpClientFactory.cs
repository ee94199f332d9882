using Vigil.Config.Prometheus;

namespace Vigil.Scrape.Http;

/// <summary>
/// Turns Prometheus's HTTP client settings (written inline in scrape configs, alertmanagers, remote write and
/// Kubernetes discovery entries) into an <see cref="HttpClient"/> that behaves as Prometheus's own client:
/// <list type="bullet">
/// <item>basic_auth, authorization/bearer_token and oauth2 (client credentials), with <c>*_file</c> secrets
/// read on every request so a rotated token works without a reload;</item>
/// <item>tls_config: CA bundle, client certificate and key (inline or files, reloaded when they change),
/// server_name, insecure_skip_verify, min_version/max_version (TLS 1.2 minimum by default);</item>
/// <item>proxy_url with no_proxy, or proxy_from_environment; otherwise no proxy at all;</item>
/// <item>http_headers (values, secrets, and files read on every request);</item>
/// <item>follow_redirects (at most 10, then <c>stopped after 10 redirects</c>), enable_http2 (over TLS).</item>
/// </list>
/// The client has no timeout of its own: callers bound each request with their own token. Errors from the
/// settings (an unreadable file, a bad certificate) surface as <see cref="HttpRequestException"/> on the
/// request, worded as upstream's, naming files but never their contents.
/// </summary>
public static class HttpClientFactory
{
    /// <summary>Builds a client for <paramref name="settings"/>.</summary>
    public static HttpClient Create(HttpClientSettings settings, HttpClientFactoryOptions? options = null) =>
        new(CreateHandler(settings, options)) { Timeout = Timeout.InfiniteTimeSpan };

    /// <summary>Builds the handler chain alone, for callers that wrap it further.</summary>
    public static HttpMessageHandler CreateHandler(HttpClientSettings settings, HttpClientFactoryOptions? options = null)
    {
        options ??= HttpClientFactoryOptions.Default;
        HttpMessageHandler handler = new TransportHandler(settings, options);
        var oauth2 = settings.OAuth2 is { } o ? new OAuth2TokenSource(o, Create(o.Http, options), options.Time) : null;
        handler = AuthenticationHandler.Wrap(settings, handler, oauth2);
        handler = HeadersHandler.Wrap(settings.Headers, handler);
        return settings.FollowRedirects ? new RedirectHandler(handler) : handler;
    }
}
