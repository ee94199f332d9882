using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Vigil.Alertmanager.Config;

namespace Vigil.Alertmanager.Notify.Receivers;

/// <summary>Hands receivers an <see cref="HttpClient"/> for their <c>http_config</c>; tests substitute their own.</summary>
public interface IHttpClientProvider
{
    /// <summary>A client honouring <paramref name="config"/>; <paramref name="integration"/> names it for messages.</summary>
    HttpClient Get(HttpClientConfig config, string integration);
}

/// <summary>
/// Builds clients from Prometheus's common <c>http_config</c>: basic auth and authorization
/// (credentials read from their files on every request, so rotated secrets apply without a reload),
/// proxy, TLS (CA, client certificate, server name, insecure_skip_verify) and redirects.
/// </summary>
public sealed class HttpClientBuilder : IHttpClientProvider
{
    /// <summary>The shared instance.</summary>
    public static HttpClientBuilder Default { get; } = new();

    /// <inheritdoc />
    public HttpClient Get(HttpClientConfig config, string integration) => Build(config);

    /// <summary>Builds a client; throws <see cref="InvalidOperationException"/> naming the file when TLS files cannot be read.</summary>
    public static HttpClient Build(HttpClientConfig config)
    {
        HttpMessageHandler handler = BuildHandler(config);
        if (config.BasicAuth is not null || config.Authorization is not null)
        {
            handler = new AuthorizationHandler(config) { InnerHandler = handler };
        }
        // Each integration sets its own timeout per request; the client itself never gives up first.
        return new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }

    private static SocketsHttpHandler BuildHandler(HttpClientConfig config)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = config.FollowRedirects,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        };
        if (config.ProxyUrl.Length > 0)
        {
            handler.Proxy = new WebProxy(new Uri(config.ProxyUrl));
            handler.UseProxy = true;
        }
        ConfigureTls(handler.SslOptions, config.Tls);
        return handler;
    }

    private static void ConfigureTls(SslClientAuthenticationOptions ssl, TlsConfig tls)
    {
        if (tls.ServerName.Length > 0)
        {
            ssl.TargetHost = tls.ServerName;
        }
        if (tls.CertFile.Length > 0 && tls.KeyFile.Length > 0)
        {
            ssl.ClientCertificates = [ReadFile("tls_config.cert_file", () => X509Certificate2.CreateFromPemFile(tls.CertFile, tls.KeyFile))];
        }
        if (tls.InsecureSkipVerify)
        {
            ssl.RemoteCertificateValidationCallback = (_, _, _, _) => true;
        }
        else if (tls.CaFile.Length > 0)
        {
            var roots = ReadFile("tls_config.ca_file", () => LoadCertificates(tls.CaFile));
            ssl.RemoteCertificateValidationCallback = (_, certificate, _, errors) => ValidateAgainst(roots, certificate, errors);
        }
    }

    private static X509Certificate2Collection LoadCertificates(string path)
    {
        var roots = new X509Certificate2Collection();
        roots.ImportFromPemFile(path);
        return roots;
    }

    private static bool ValidateAgainst(X509Certificate2Collection roots, X509Certificate? certificate, SslPolicyErrors errors)
    {
        if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
        {
            return false;
        }
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(roots);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(new X509Certificate2(certificate));
    }

    private static T ReadFile<T>(string field, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
        {
            throw new InvalidOperationException($"http_config.{field}: {ex.Message}", ex);
        }
    }
}
