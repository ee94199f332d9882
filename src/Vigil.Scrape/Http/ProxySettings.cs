using System.Net;
using Vigil.Config.Prometheus;

namespace Vigil.Scrape.Http;

/// <summary>
/// proxy_url, no_proxy and proxy_from_environment as upstream applies them. Without any of them no proxy is
/// used at all (SocketsHttpHandler would otherwise read HTTP_PROXY by itself, which Prometheus does not).
/// </summary>
internal static class ProxySettings
{
    public static void Apply(HttpClientSettings settings, SocketsHttpHandler handler)
    {
        ConfiguredProxy? proxy = null;
        if (settings.ProxyFromEnvironment)
        {
            proxy = ConfiguredProxy.FromEnvironment(Environment.GetEnvironmentVariable);
        }
        else if (settings.ProxyUrl.Length > 0)
        {
            var url = ProxyUri(settings.ProxyUrl);
            proxy = new ConfiguredProxy(url, url, settings.NoProxy.Length > 0 ? NoProxyList.Parse(settings.NoProxy) : null);
        }
        handler.UseProxy = proxy is not null;
        if (proxy is null)
        {
            return;
        }
        // Connect headers need a CONNECT written by us; only a plain http proxy is tunnelled that way.
        if (settings.ProxyConnectHeaders.Count > 0 && proxy.HttpsProxy is { Scheme: "http" })
        {
            var tunnel = new ProxyTunnel(proxy, settings.ProxyConnectHeaders);
            handler.Proxy = tunnel.HttpOnly;
            handler.ConnectCallback = tunnel.ConnectAsync;
            return;
        }
        handler.Proxy = proxy;
    }

    /// <summary>A proxy address as Go reads it: a bare host:port means http://host:port.</summary>
    public static Uri? ProxyUri(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }
        return Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" or "socks5" or "socks5h" or "socks4"
            ? uri
            : Uri.TryCreate("http://" + text, UriKind.Absolute, out var withScheme) ? withScheme : null;
    }
}

/// <summary>One proxy for http and one for https requests, with an optional no_proxy list.</summary>
internal sealed class ConfiguredProxy : IWebProxy
{
    private readonly Uri? _http;
    private readonly Uri? _https;
    private readonly NoProxyList? _bypass;

    public ConfiguredProxy(Uri? http, Uri? https, NoProxyList? bypass)
    {
        _http = http;
        _https = https;
        _bypass = bypass;
        // user:password in the proxy URL is how Go configures proxy auth.
        var userInfo = (http ?? https)?.UserInfo ?? "";
        if (userInfo.Length > 0)
        {
            var parts = userInfo.Split(':', 2);
            Credentials = new NetworkCredential(Uri.UnescapeDataString(parts[0]), parts.Length > 1 ? Uri.UnescapeDataString(parts[1]) : "");
        }
    }

    /// <summary>HTTP_PROXY, HTTPS_PROXY and NO_PROXY (upper or lower case), read once as Go does.</summary>
    public static ConfiguredProxy FromEnvironment(Func<string, string?> env)
    {
        string? Read(string name) => env(name) is { Length: > 0 } upper ? upper : env(name.ToLowerInvariant());
        var noProxy = Read("NO_PROXY");
        return new ConfiguredProxy(ProxySettings.ProxyUri(Read("HTTP_PROXY")), ProxySettings.ProxyUri(Read("HTTPS_PROXY")),
            NoProxyList.Parse(noProxy ?? ""));
    }

    public ICredentials? Credentials { get; set; }

    /// <summary>The proxy for https destinations, if any.</summary>
    public Uri? HttpsProxy => _https;

    public Uri? GetProxy(Uri destination) =>
        IsBypassed(destination) ? null : destination.Scheme == Uri.UriSchemeHttps ? _https : _http;

    public bool IsBypassed(Uri host) =>
        (host.Scheme == Uri.UriSchemeHttps ? _https : _http) is null || (_bypass?.Bypasses(host) ?? false);
}
