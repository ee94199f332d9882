namespace Vigil.Alertmanager.Config;

/// <summary>Prometheus common <c>http_config</c>: auth, proxy, TLS and redirects for outgoing requests.</summary>
public sealed record HttpClientConfig
{
    public BasicAuthConfig? BasicAuth { get; init; }
    public AuthorizationConfig? Authorization { get; init; }
    public string ProxyUrl { get; init; } = "";
    public TlsConfig Tls { get; init; } = new();
    public bool FollowRedirects { get; init; } = true;
    public bool EnableHttp2 { get; init; } = true;

    /// <summary>Hosts that bypass <see cref="ProxyUrl"/> (comma-separated, as in NO_PROXY).</summary>
    public string NoProxy { get; init; } = "";

    /// <summary>Use the HTTP_PROXY/HTTPS_PROXY/NO_PROXY environment variables.</summary>
    public bool ProxyFromEnvironment { get; init; }
}

public sealed record BasicAuthConfig
{
    public string Username { get; init; } = "";

    /// <summary>File holding the username, read at send time.</summary>
    public string UsernameFile { get; init; } = "";
    public Secret? Password { get; init; }
    public string PasswordFile { get; init; } = "";
}

public sealed record AuthorizationConfig
{
    /// <summary>The scheme, <c>Bearer</c> by default.</summary>
    public string Type { get; init; } = "Bearer";
    public Secret? Credentials { get; init; }
    public string CredentialsFile { get; init; } = "";
}

public sealed record TlsConfig
{
    public string CaFile { get; init; } = "";
    public string CertFile { get; init; } = "";
    public string KeyFile { get; init; } = "";
    public string ServerName { get; init; } = "";
    public bool InsecureSkipVerify { get; init; }
}
