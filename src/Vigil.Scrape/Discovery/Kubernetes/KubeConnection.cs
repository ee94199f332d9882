using System.Security.Cryptography.X509Certificates;

namespace Vigil.Scrape.Discovery.Kubernetes;

/// <summary>
/// How to reach one API server: its URL, credentials and TLS trust. Tokens and passwords are functions so
/// that files (a rotated service account token, a credentials file) are read again while running.
/// </summary>
public sealed record KubeConnection
{
    /// <summary>The API server's base URL (may carry a path prefix).</summary>
    public required Uri Server { get; init; }

    /// <summary>
    /// Prometheus HTTP client settings (an explicit api_server); when set, the shared HTTP client factory
    /// applies them and the credential and TLS fields below are unused.
    /// </summary>
    public Vigil.Config.Prometheus.HttpClientSettings? Settings { get; init; }

    /// <summary>The bearer token for each request, or null for none.</summary>
    public Func<string?> BearerToken { get; init; } = static () => null;

    /// <summary>The Authorization scheme used with <see cref="BearerToken"/> (Bearer unless configured).</summary>
    public string AuthorizationType { get; init; } = "Bearer";

    /// <summary>Basic auth user and password, or null.</summary>
    public (string User, Func<string> Password)? BasicAuth { get; init; }

    /// <summary>CA certificates the server's certificate must chain to; null trusts the system store.</summary>
    public X509Certificate2Collection? CertificateAuthorities { get; init; }

    /// <summary>The client certificate (with its key), or null.</summary>
    public X509Certificate2? ClientCertificate { get; init; }

    /// <summary>Whether the server certificate is not checked.</summary>
    public bool InsecureSkipVerify { get; init; }

    /// <summary>The name expected in the server certificate ("" for the URL's host).</summary>
    public string ServerName { get; init; } = "";

    /// <summary>HTTP proxy URL ("" for none).</summary>
    public string ProxyUrl { get; init; } = "";

    /// <summary>The namespace this process runs in (in-cluster only; "" when unknown).</summary>
    public string OwnNamespace { get; init; } = "";

    /// <summary>Where the connection came from, for log lines (never holds a secret).</summary>
    public string Origin { get; init; } = "";
}
