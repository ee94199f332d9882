using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Vigil.Scrape.Discovery.Kubernetes;

/// <summary>
/// The handler of a <see cref="KubeConnection"/>: the shared HTTP client factory for an explicit api_server,
/// else a socket handler with the in-cluster or kubeconfig CA, client certificate and proxy.
/// </summary>
public static class KubeHttpHandler
{
    /// <summary>A handler trusting the connection's CA (or the system store), presenting its client certificate.</summary>
    public static HttpMessageHandler Create(KubeConnection connection)
    {
        if (connection.Settings is { } settings)
        {
            return Http.HttpClientFactory.CreateHandler(settings);
        }
        var handler = new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            AutomaticDecompression = DecompressionMethods.All,
        };
        if (connection.ProxyUrl.Length > 0)
        {
            handler.Proxy = new WebProxy(connection.ProxyUrl);
            handler.UseProxy = true;
        }
        if (connection.ClientCertificate is { } cert)
        {
            handler.SslOptions.ClientCertificates = [cert];
        }
        if (connection.ServerName.Length > 0)
        {
            handler.SslOptions.TargetHost = connection.ServerName;
        }
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) => Validate(connection, certificate, errors);
        return handler;
    }

    private static bool Validate(KubeConnection connection, X509Certificate? certificate, SslPolicyErrors errors)
    {
        if (connection.InsecureSkipVerify || errors == SslPolicyErrors.None)
        {
            return true;
        }
        // A cluster's own CA is rarely in the system store: only chain errors may be overruled by it.
        if (connection.CertificateAuthorities is not { Count: > 0 } roots || certificate is null || errors != SslPolicyErrors.RemoteCertificateChainErrors)
        {
            return false;
        }
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(roots);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var leaf = new X509Certificate2(certificate);
        return chain.Build(leaf);
    }
}
