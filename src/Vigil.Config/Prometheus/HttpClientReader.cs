using Vigil.Config.Loading;
using Vigil.Model;

namespace Vigil.Config.Prometheus;

/// <summary>Reads the HTTP client fields written inline in an entry (auth, TLS, proxy) and checks their combinations.</summary>
internal static class HttpClientReader
{
    public static HttpClientSettings Read(MapReader m)
    {
        var authKinds = new[] { "basic_auth", "authorization", "oauth2", "bearer_token", "bearer_token_file" }.Where(m.Has).ToList();
        if (authKinds.Count > 1 && !(authKinds.Count == 2 && authKinds.Contains("bearer_token") && authKinds.Contains("bearer_token_file")))
        {
            m.Context.Error(m.KeyNode(authKinds[^1]), m.PathOf(authKinds[^1]), $"at most one of basic_auth, oauth2, bearer_token & bearer_token_file, authorization must be configured (found {string.Join(", ", authKinds)})");
        }
        m.AtMostOne("bearer_token", "bearer_token_file");
        var basic = m.Map("basic_auth", PrometheusKeys.BasicAuth);
        basic?.AtMostOne("password", "password_file", "password_ref");
        basic?.AtMostOne("username", "username_file", "username_ref");
        var auth = m.Map("authorization", PrometheusKeys.Authorization);
        auth?.AtMostOne("credentials", "credentials_file", "credentials_ref");
        if (auth?.String("type") is { } type && type.Equals("basic", StringComparison.OrdinalIgnoreCase))
        {
            auth.Context.Error(auth.Value("type")!, auth.PathOf("type"), "authorization type cannot be set to \"basic\", use \"basic_auth\" instead");
        }
        ReadOAuth2(m.Map("oauth2", PrometheusKeys.OAuth2));
        var tls = ReadTls(m);
        var proxy = ReadProxy(m);
        var bearer = m.SecretValue("bearer_token");
        return new HttpClientSettings
        {
            BasicAuthUsername = basic?.String("username") ?? "",
            BasicAuthPassword = basic?.SecretValue("password"),
            BasicAuthPasswordFile = File(m, basic?.String("password_file")),
            AuthorizationType = auth is not null || bearer is not null || m.Has("bearer_token_file") ? auth?.String("type") ?? "Bearer" : "",
            AuthorizationCredentials = auth?.SecretValue("credentials") ?? bearer,
            AuthorizationCredentialsFile = File(m, auth?.String("credentials_file") ?? m.String("bearer_token_file")),
            TlsCaFile = File(m, tls?.String("ca_file")),
            TlsCertFile = File(m, tls?.String("cert_file")),
            TlsKeyFile = File(m, tls?.String("key_file")),
            TlsServerName = tls?.String("server_name") ?? "",
            TlsInsecureSkipVerify = tls?.Bool("insecure_skip_verify") ?? false,
            ProxyUrl = proxy,
            FollowRedirects = m.Bool("follow_redirects") ?? true,
            EnableHttp2 = m.Bool("enable_http2") ?? true,
        };
    }

    private static string File(MapReader m, string? path) => path is null ? "" : m.Context.Resolve(path);

    private static MapReader? ReadTls(MapReader m)
    {
        if (m.Map("tls_config", PrometheusKeys.Tls) is not { } t)
        {
            return null;
        }
        t.AtMostOne("ca", "ca_file", "ca_ref");
        t.AtMostOne("cert", "cert_file", "cert_ref");
        t.AtMostOne("key", "key_file", "key_ref");
        _ = t.SecretValue("key");
        foreach (var key in new[] { "min_version", "max_version" })
        {
            if (t.String(key) is { } v && v is not ("TLS10" or "TLS11" or "TLS12" or "TLS13"))
            {
                t.Context.Error(t.Value(key)!, t.PathOf(key), $"unknown TLS version: {v}", "use TLS10, TLS11, TLS12 or TLS13");
            }
        }
        var hasCert = t.Has("cert") || t.Has("cert_file");
        var hasKey = t.Has("key") || t.Has("key_file");
        if (hasCert != hasKey)
        {
            t.Context.Error(t.Node, t.PathPrefix, "exactly one of key and cert (or key_file and cert_file) is set", "a client certificate needs both the certificate and its key");
        }
        return t;
    }

    private static void ReadOAuth2(MapReader? o)
    {
        if (o is null)
        {
            return;
        }
        o.AtMostOne("client_secret", "client_secret_file", "client_secret_ref");
        _ = o.SecretValue("client_secret");
        _ = o.SecretValue("client_certificate_key");
        _ = o.Url("token_url");
        _ = o.StringList("scopes");
        _ = o.StringMap("endpoint_params");
        _ = ReadTls(o);
        _ = ReadProxy(o);
    }

    private static string ReadProxy(MapReader m)
    {
        var proxy = m.Url("proxy_url") ?? "";
        if (proxy.Length > 0 && m.Bool("proxy_from_environment") == true)
        {
            m.Context.Error(m.KeyNode("proxy_from_environment"), m.PathOf("proxy_from_environment"), "if proxy_from_environment is configured, proxy_url must not be configured");
        }
        if (m.String("no_proxy") is { Length: > 0 } && proxy.Length == 0)
        {
            m.Context.Error(m.KeyNode("no_proxy"), m.PathOf("no_proxy"), "if no_proxy is configured, proxy_url must also be configured");
        }
        _ = m.Bool("proxy_from_environment");
        return proxy;
    }

    /// <summary>The scheme: key, checked to be http or https (default http).</summary>
    public static string Scheme(MapReader m)
    {
        var scheme = m.String("scheme") ?? "http";
        if (scheme is not ("http" or "https"))
        {
            m.Context.Error(m.Value("scheme")!, m.PathOf("scheme"), $"scheme must be http or https, got {GoString.Quote(scheme)}");
        }
        return scheme;
    }
}
