namespace Vigil.Alertmanager.Config.Loading;

/// <summary>Reads Prometheus common <c>http_config</c> (auth, proxy, TLS, redirects) and checks its combinations.</summary>
internal static class HttpConfigReader
{
    /// <summary>Reads <c>http_config</c> under <paramref name="parent"/>; null when not set.</summary>
    public static HttpClientConfig? Read(MapReader parent)
    {
        if (parent.Map("http_config", ConfigKeys.HttpConfig) is not { } m)
        {
            return null;
        }
        CheckCombinations(m);
        var proxy = m.Url("proxy_url") ?? "";
        return new HttpClientConfig
        {
            BasicAuth = ReadBasicAuth(m),
            Authorization = ReadAuthorization(m),
            ProxyUrl = proxy,
            Tls = ReadTls(m, resolve: true) ?? new TlsConfig(),
            FollowRedirects = m.Bool("follow_redirects") ?? true,
            EnableHttp2 = m.Bool("enable_http2") ?? true,
            NoProxy = m.String("no_proxy") ?? "",
            ProxyFromEnvironment = m.Bool("proxy_from_environment") ?? false,
        };
    }

    /// <summary>Reads a <c>tls_config</c> mapping under <paramref name="parent"/> at <paramref name="key"/>.</summary>
    public static TlsConfig? ReadTls(MapReader parent, string key = "tls_config", bool resolve = false)
    {
        Func<string, string> file = resolve ? parent.Context.Resolve : p => p;
        if (parent.Map(key, ConfigKeys.Tls) is not { } t)
        {
            return null;
        }
        t.AtMostOne("ca", "ca_file", "ca_ref");
        t.AtMostOne("cert", "cert_file", "cert_ref");
        t.AtMostOne("key", "key_file", "key_ref");
        CheckTlsVersion(t, "min_version");
        CheckTlsVersion(t, "max_version");
        _ = t.SecretValue("key");
        return new TlsConfig
        {
            CaFile = file(t.String("ca_file") ?? ""),
            CertFile = file(t.String("cert_file") ?? ""),
            KeyFile = file(t.String("key_file") ?? ""),
            ServerName = t.String("server_name") ?? "",
            InsecureSkipVerify = t.Bool("insecure_skip_verify") ?? false,
        };
    }

    private static void CheckCombinations(MapReader m)
    {
        m.AtMostOne("bearer_token", "bearer_token_file");
        if ((m.Has("basic_auth") || m.Has("oauth2")) && (m.Has("bearer_token") || m.Has("bearer_token_file")))
        {
            m.Context.Error(m.Node, m.PathPrefix, "at most one of basic_auth, oauth2, bearer_token & bearer_token_file may be set");
        }
        if (m.Has("authorization") && (m.Has("bearer_token") || m.Has("bearer_token_file")))
        {
            m.Context.Error(m.KeyNode("authorization"), m.PathOf("authorization"),
                "authorization cannot be combined with bearer_token or bearer_token_file",
                "bearer_token is the legacy spelling of authorization: { credentials: ... }; keep one");
        }
        if (m.Has("authorization") && (m.Has("basic_auth") || m.Has("oauth2")))
        {
            m.Context.Error(m.KeyNode("authorization"), m.PathOf("authorization"), "at most one of basic_auth, oauth2 & authorization may be set");
        }
        if (m.Has("oauth2") && m.Has("basic_auth"))
        {
            m.Context.Error(m.KeyNode("oauth2"), m.PathOf("oauth2"), "at most one of basic_auth, oauth2 & authorization may be set");
        }
        CheckProxy(m);
        ReadOAuth2(m);
        _ = m.StringMap("proxy_connect_header");
        _ = m.Value("http_headers");
    }

    private static void CheckProxy(MapReader m)
    {
        if (m.Has("proxy_connect_header") && !m.Has("proxy_url") && !m.Has("proxy_from_environment"))
        {
            m.Context.Error(m.KeyNode("proxy_connect_header"), m.PathOf("proxy_connect_header"), "proxy_connect_header needs proxy_url or proxy_from_environment");
        }
        if (m.Has("proxy_from_environment") && m.Has("proxy_url"))
        {
            m.Context.Error(m.KeyNode("proxy_url"), m.PathOf("proxy_url"), "proxy_url cannot be combined with proxy_from_environment");
        }
        if (m.Has("no_proxy") && !m.Has("proxy_url"))
        {
            m.Context.Error(m.KeyNode("no_proxy"), m.PathOf("no_proxy"), "no_proxy needs proxy_url");
        }
    }

    private static BasicAuthConfig? ReadBasicAuth(MapReader m)
    {
        if (m.Map("basic_auth", ConfigKeys.BasicAuth) is not { } b)
        {
            return null;
        }
        b.AtMostOne("username", "username_file", "username_ref");
        b.AtMostOne("password", "password_file", "password_ref");
        return new BasicAuthConfig
        {
            Username = b.String("username") ?? "",
            UsernameFile = b.Context.Resolve(b.String("username_file") ?? ""),
            Password = b.SecretValue("password"),
            PasswordFile = b.Context.Resolve(b.String("password_file") ?? ""),
        };
    }

    private static AuthorizationConfig? ReadAuthorization(MapReader m)
    {
        if (m.Map("authorization", ConfigKeys.Authorization) is { } a)
        {
            a.AtMostOne("credentials", "credentials_file", "credentials_ref");
            var type = (a.String("type") ?? "").Trim();
            if (type.Equals("basic", StringComparison.OrdinalIgnoreCase))
            {
                a.Context.Error(a.Value("type")!, a.PathOf("type"), "authorization type cannot be \"basic\"", "use basic_auth: { username: ..., password: ... } instead");
            }
            return new AuthorizationConfig
            {
                Type = type.Length == 0 ? "Bearer" : type,
                Credentials = a.SecretValue("credentials"),
                CredentialsFile = a.Context.Resolve(a.String("credentials_file") ?? ""),
            };
        }
        // The legacy bearer_token fields are authorization with the Bearer scheme.
        var token = m.SecretValue("bearer_token");
        var file = m.String("bearer_token_file");
        return token is null && file is null ? null : new AuthorizationConfig { Credentials = token, CredentialsFile = m.Context.Resolve(file ?? "") };
    }

    private static void ReadOAuth2(MapReader m)
    {
        if (m.Map("oauth2", ConfigKeys.OAuth2) is not { } o)
        {
            return;
        }
        foreach (var required in new[] { "client_id", "token_url" })
        {
            if (!o.Has(required))
            {
                o.Context.Error(o.Node, o.PathOf(required), $"oauth2 needs {required}");
            }
        }
        o.AtMostOne("client_secret", "client_secret_file", "client_secret_ref");
        _ = o.Url("token_url");
        _ = o.StringList("scopes");
        _ = o.StringMap("endpoint_params");
        _ = ReadTls(o, resolve: true);
    }

    private static void CheckTlsVersion(MapReader t, string key)
    {
        if (t.String(key) is { } v && v is not ("TLS10" or "TLS11" or "TLS12" or "TLS13"))
        {
            t.Context.Error(t.Value(key)!, t.PathOf(key), $"unknown TLS version {Vigil.Model.GoString.Quote(v)}", "use TLS10, TLS11, TLS12 or TLS13");
        }
    }
}
