using System.Net;
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Vigil.Config.Prometheus;

namespace Vigil.Scrape.Http;

/// <summary>
/// The innermost handler: a <see cref="SocketsHttpHandler"/> with the proxy, HTTP/2 and TLS settings. When
/// the CA or client certificate files change, the next request builds a fresh socket handler with the new
/// material (open connections of the old one close when idle), so rotation needs no reload. A file that
/// cannot be read or parsed fails that request with a message naming it, not the whole client.
/// </summary>
internal sealed class TransportHandler : HttpMessageHandler
{
    private readonly HttpClientSettings _settings;
    private readonly HttpClientFactoryOptions _options;
    private readonly Lock _gate = new();
    private SocketsHttpHandler? _current;
    private HttpMessageInvoker? _invoker;
    private byte[] _hash = [];

    public TransportHandler(HttpClientSettings settings, HttpClientFactoryOptions options)
    {
        _settings = settings;
        _options = options;
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (_settings.EnableHttp2 && request.RequestUri?.Scheme == Uri.UriSchemeHttps)
        {
            // As Go's transport: HTTP/2 when the server offers it over TLS, HTTP/1.1 otherwise; no h2c.
            request.Version = HttpVersion.Version20;
            request.VersionPolicy = HttpVersionPolicy.RequestVersionOrLower;
        }
        else if (request.Version > HttpVersion.Version11)
        {
            request.Version = HttpVersion.Version11;
        }
        return Current().SendAsync(request, cancellationToken);
    }

    private HttpMessageInvoker Current()
    {
        if (!TlsMaterial.Configured(_settings))
        {
            lock (_gate)
            {
                return _invoker ??= Use(Build(null));
            }
        }
        var (ca, cert, key, hash) = TlsMaterial.ReadTexts(_settings);
        lock (_gate)
        {
            if (_current is null || !hash.AsSpan().SequenceEqual(_hash))
            {
                var material = TlsMaterial.Parse(_settings, ca, cert, key, hash);
                // The old handler is not disposed here: requests may still be running on it. Its pooled
                // connections close after their idle timeout and it is then collected.
                _invoker = Use(Build(material));
                _hash = hash;
            }
            return _invoker!;
        }
    }

    private HttpMessageInvoker Use(SocketsHttpHandler handler)
    {
        _current = handler;
        return new HttpMessageInvoker(handler, disposeHandler: false);
    }

    private SocketsHttpHandler Build(TlsMaterial? material)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            AutomaticDecompression = _options.AutomaticDecompression ? DecompressionMethods.GZip | DecompressionMethods.Deflate : DecompressionMethods.None,
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(90),
            ConnectTimeout = Timeout.InfiniteTimeSpan,
        };
        ProxySettings.Apply(_settings, handler);
        ConfigureTls(handler.SslOptions, material);
        return handler;
    }

    private void ConfigureTls(SslClientAuthenticationOptions ssl, TlsMaterial? material)
    {
        ssl.EnabledSslProtocols = TlsVersions.Range(_settings.TlsMinVersion, _settings.TlsMaxVersion);
        if (_settings.TlsServerName.Length > 0)
        {
            ssl.TargetHost = _settings.TlsServerName;
        }
        if (material?.ClientCertificate is { } client)
        {
            ssl.ClientCertificates = [client];
            ssl.LocalCertificateSelectionCallback = (_, _, _, _, _) => client;
        }
        var serverName = _settings.TlsServerName;
        var roots = material?.Roots;
        if (_settings.TlsInsecureSkipVerify)
        {
            ssl.RemoteCertificateValidationCallback = (_, _, _, _) => true;
        }
        else if (roots is not null || serverName.Length > 0)
        {
            ssl.RemoteCertificateValidationCallback = (_, certificate, _, errors) => CertificateCheck.Valid(certificate, errors, roots, serverName);
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _current?.Dispose();
        }
        base.Dispose(disposing);
    }
}

/// <summary>Maps tls_config's min_version/max_version to the protocols offered.</summary>
internal static class TlsVersions
{
    public static SslProtocols Range(string min, string max)
    {
        // Upstream's default minimum is TLS 1.2.
        var low = Index(min.Length > 0 ? min : "TLS12");
        var high = max.Length > 0 ? Index(max) : 3;
        var result = SslProtocols.None;
        for (var i = low; i <= high; i++)
        {
            result |= All[i];
        }
        return result;
    }

    private static int Index(string name) => name switch
    {
        "TLS10" => 0,
        "TLS11" => 1,
        "TLS12" => 2,
        _ => 3,
    };

#pragma warning disable SYSLIB0039 // TLS 1.0 and 1.1 are offered only when the config asks for them, as upstream allows.
    private static readonly SslProtocols[] All = [SslProtocols.Tls, SslProtocols.Tls11, SslProtocols.Tls12, SslProtocols.Tls13];
#pragma warning restore SYSLIB0039
}

/// <summary>Server certificate checks for a custom CA bundle and/or a server name other than the URL's host.</summary>
internal static class CertificateCheck
{
    public static bool Valid(X509Certificate? certificate, SslPolicyErrors errors, X509Certificate2Collection? roots, string serverName)
    {
        if (certificate is null)
        {
            return false;
        }
        using var leaf = new X509Certificate2(certificate);
        var nameOk = serverName.Length > 0 ? leaf.MatchesHostname(serverName) : !errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch);
        if (!nameOk)
        {
            return false;
        }
        if (roots is null)
        {
            return !errors.HasFlag(SslPolicyErrors.RemoteCertificateChainErrors);
        }
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(roots);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(leaf);
    }
}
