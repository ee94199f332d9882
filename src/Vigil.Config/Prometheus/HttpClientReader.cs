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
        var oauth2 = ReadOAuth2(m.Map("oauth2", PrometheusKeys.OAuth2));
        RefuseSecretRefs(basic, auth);
        var bearer = m.SecretValue("bearer_token");
        var settings = new HttpClientSettings
        {
            BasicAuthUsername = basic?.String("username") ?? "",
            BasicAuthUsernameFile = File(m, basic?.String("username_file")),
            BasicAuthPassword = basic?.SecretValue("password"),
            BasicAuthPasswordFile = File(m, basic?.String("password_file")),
            AuthorizationType = auth is not null || bearer is not null || m.Has("bearer_token_file") ? auth?.String("type") ?? "Bearer" : "",
            AuthorizationCredentials = auth?.SecretValue("credentials") ?? bearer,
            AuthorizationCredentialsFile = File(m, auth?.String("credentials_file") ?? m.String("bearer_token_file")),
            OAuth2 = oauth2,
            Headers = ReadHeaders(m),
            FollowRedirects = m.Bool("follow_redirects") ?? true,
            EnableHttp2 = m.Bool("enable_http2") ?? true,
        };
        return ReadProxy(m, ReadTls(m, settings));
    }

    /// <summary>
    /// Prometheus itself has no secret manager, so a <c>*_ref</c> fails every request there ("cannot use
    /// secret ref without manager"); saying so at load is kinder.
    /// </summary>
    private static void RefuseSecretRefs(params MapReader?[] maps)
    {
        foreach (var map in maps.OfType<MapReader>())
        {
            foreach (var key in map.Node.Children.Keys.OfType<YamlDotNet.RepresentationModel.YamlScalarNode>().Select(k => k.Value ?? "").Where(k => k.EndsWith("_ref", StringComparison.Ordinal)))
            {
                var plain = key[..^4];
                map.Context.Error(map.KeyNode(key), map.PathOf(key), "cannot use secret ref without manager", $"write {plain} or {plain}_file instead");
            }
        }
    }

    /// <summary>Headers upstream refuses in http_headers: the client or the protocol owns them.</summary>
    private static readonly HashSet<string> ReservedHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Authorization", "Host", "Content-Encoding", "Content-Length", "Content-Type", "User-Agent", "Connection",
        "Keep-Alive", "Proxy-Authenticate", "Proxy-Authorization", "Www-Authenticate", "Accept-Encoding",
        "X-Prometheus-Remote-Write-Version", "X-Prometheus-Remote-Read-Version", "X-Prometheus-Scrape-Timeout-Seconds",
        "X-Amz-Date", "X-Amz-Security-Token", "X-Amz-Content-Sha256",
    };

    private static IReadOnlyList<HttpHeaderSetting> ReadHeaders(MapReader m)
    {
        var headers = new List<HttpHeaderSetting>();
        if (m.Map("http_headers", KeySection.AnyKeys) is not { } map)
        {
            // The shared empty list, so settings without headers still equal new HttpClientSettings().
            return [];
        }
        foreach (var key in map.Node.Children.Keys.OfType<YamlDotNet.RepresentationModel.YamlScalarNode>())
        {
            var name = key.Value ?? "";
            if (ReservedHeaders.Contains(name))
            {
                m.Context.Error(key, map.PathOf(name), $"setting header {GoString.Quote(CanonicalHeader(name))} is not allowed");
                continue;
            }
            if (map.Map(name, PrometheusKeys.HttpHeader) is not { } h)
            {
                continue;
            }
            var secrets = (h.StringList("secrets") ?? []).Select(v => new Secret(v)).ToList();
            var files = (h.StringList("files") ?? []).Select(f => File(m, f)).ToList();
            headers.Add(new HttpHeaderSetting(name, h.StringList("values") ?? [], secrets, files));
        }
        return headers.Count == 0 ? [] : headers;
    }

    /// <summary>Go's canonical header form (<c>x-foo</c> becomes <c>X-Foo</c>), as upstream's error shows it.</summary>
    private static string CanonicalHeader(string name) =>
        string.Join('-', name.Split('-').Select(p => p.Length == 0 ? p : char.ToUpperInvariant(p[0]) + p[1..].ToLowerInvariant()));

    private static string File(MapReader m, string? path) => path is null ? "" : m.Context.Resolve(path);

    private static HttpClientSettings ReadTls(MapReader m, HttpClientSettings settings)
    {
        if (m.Map("tls_config", PrometheusKeys.Tls) is not { } t)
        {
            return settings;
        }
        t.AtMostOne("ca", "ca_file", "ca_ref");
        t.AtMostOne("cert", "cert_file", "cert_ref");
        t.AtMostOne("key", "key_file", "key_ref");
        RefuseSecretRefs(t);
        var versions = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var key in new[] { "min_version", "max_version" })
        {
            if (t.String(key) is { } v)
            {
                versions[key] = Array.IndexOf(TlsVersions, v);
                if (versions[key] < 0)
                {
                    t.Context.Error(t.Value(key)!, t.PathOf(key), $"unknown TLS version: {v}", "use TLS10, TLS11, TLS12 or TLS13");
                }
            }
        }
        if (versions.TryGetValue("min_version", out var min) && versions.TryGetValue("max_version", out var max) && min >= 0 && max >= 0 && max < min)
        {
            t.Context.Error(t.Value("max_version")!, t.PathOf("max_version"), "tls_config.max_version must be greater than or equal to tls_config.min_version if both are specified");
        }
        var hasCert = t.Has("cert") || t.Has("cert_file");
        var hasKey = t.Has("key") || t.Has("key_file");
        if (hasCert != hasKey)
        {
            t.Context.Error(t.Node, t.PathPrefix, "exactly one of key and cert (or key_file and cert_file) is set", "a client certificate needs both the certificate and its key");
        }
        return settings with
        {
            TlsCa = t.String("ca") ?? "",
            TlsCaFile = File(m, t.String("ca_file")),
            TlsCert = t.String("cert") ?? "",
            TlsCertFile = File(m, t.String("cert_file")),
            TlsKey = t.SecretValue("key"),
            TlsKeyFile = File(m, t.String("key_file")),
            TlsServerName = t.String("server_name") ?? "",
            TlsInsecureSkipVerify = t.Bool("insecure_skip_verify") ?? false,
            TlsMinVersion = t.String("min_version") ?? "",
            TlsMaxVersion = t.String("max_version") ?? "",
        };
    }

    private static readonly string[] TlsVersions = ["TLS10", "TLS11", "TLS12", "TLS13"];

    private static OAuth2Settings? ReadOAuth2(MapReader? o)
    {
        if (o is null)
        {
            return null;
        }
        o.AtMostOne("client_secret", "client_secret_file", "client_secret_ref");
        RefuseSecretRefs(o);
        var grant = o.String("grant_type") ?? "client_credentials";
        if (grant != "client_credentials")
        {
            o.Context.Error(o.Value("grant_type")!, o.PathOf("grant_type"), $"grant_type {GoString.Quote(grant)} is not supported", "Vigil supports the client_credentials grant");
        }
        _ = o.SecretValue("client_certificate_key");
        var clientId = o.String("client_id") ?? "";
        var tokenUrl = o.Url("token_url") ?? "";
        if (clientId.Length == 0)
        {
            o.Context.Error(o.Node, o.PathPrefix, "oauth2 client_id must be configured");
        }
        if (tokenUrl.Length == 0)
        {
            o.Context.Error(o.Node, o.PathPrefix, "oauth2 token_url must be configured");
        }
        return new OAuth2Settings
        {
            ClientId = clientId,
            ClientSecret = o.SecretValue("client_secret"),
            ClientSecretFile = File(o, o.String("client_secret_file")),
            Scopes = o.StringList("scopes") ?? [],
            TokenUrl = tokenUrl,
            EndpointParams = o.StringMap("endpoint_params") ?? new Dictionary<string, string>(),
            Http = ReadProxy(o, ReadTls(o, new HttpClientSettings())),
        };
    }

    private static HttpClientSettings ReadProxy(MapReader m, HttpClientSettings settings)
    {
        var proxy = m.Url("proxy_url") ?? "";
        var fromEnvironment = m.Bool("proxy_from_environment") ?? false;
        var noProxy = m.String("no_proxy") ?? "";
        if (proxy.Length > 0 && fromEnvironment)
        {
            m.Context.Error(m.KeyNode("proxy_from_environment"), m.PathOf("proxy_from_environment"), "if proxy_from_environment is configured, proxy_url must not be configured");
        }
        if (fromEnvironment && noProxy.Length > 0)
        {
            m.Context.Error(m.KeyNode("no_proxy"), m.PathOf("no_proxy"), "if proxy_from_environment is configured, no_proxy must not be configured");
        }
        else if (noProxy.Length > 0 && proxy.Length == 0)
        {
            m.Context.Error(m.KeyNode("no_proxy"), m.PathOf("no_proxy"), "if no_proxy is configured, proxy_url must also be configured");
        }
        if (m.Has("proxy_connect_header") && proxy.Length == 0 && !fromEnvironment)
        {
            m.Context.Error(m.KeyNode("proxy_connect_header"), m.PathOf("proxy_connect_header"), "if proxy_connect_header is configured, proxy_url or proxy_from_environment must also be configured");
        }
        else if (m.Has("proxy_connect_header") && proxy.Contains("://", StringComparison.Ordinal) && !proxy.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
        {
            m.Context.Warn(m.KeyNode("proxy_connect_header"), m.PathOf("proxy_connect_header"), "proxy_connect_header is sent only through an http:// proxy", "Vigil writes that CONNECT itself; through this proxy the headers are not sent");
        }
        return settings with { ProxyUrl = proxy, NoProxy = noProxy, ProxyFromEnvironment = fromEnvironment, ProxyConnectHeaders = ReadConnectHeaders(m) };
    }

    private static IReadOnlyList<ProxyConnectHeader> ReadConnectHeaders(MapReader m)
    {
        if (m.Map("proxy_connect_header", KeySection.AnyKeys) is not { } map)
        {
            // The shared empty list, so settings without it still equal new HttpClientSettings().
            return [];
        }
        var headers = new List<ProxyConnectHeader>();
        foreach (var name in map.Node.Children.Keys.OfType<YamlDotNet.RepresentationModel.YamlScalarNode>().Select(k => k.Value ?? ""))
        {
            headers.Add(new ProxyConnectHeader(name, [.. (map.StringList(name) ?? []).Select(v => new Secret(v))]));
        }
        return headers.Count == 0 ? [] : headers;
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
