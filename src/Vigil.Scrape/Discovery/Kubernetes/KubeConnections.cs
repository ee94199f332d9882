using System.Security.Cryptography.X509Certificates;
using Vigil.Config.Prometheus;

namespace Vigil.Scrape.Discovery.Kubernetes;

/// <summary>
/// Picks the connection of a <c>kubernetes_sd_configs</c> entry as upstream does: the kubeconfig file when
/// given, else the explicit <c>api_server</c> with the entry's HTTP client settings, else in-cluster.
/// </summary>
public static class KubeConnections
{
    /// <summary>Resolves the connection; throws <see cref="InvalidOperationException"/> saying what is missing.</summary>
    public static KubeConnection Resolve(KubernetesSdConfig config, KubeEnvironment env, TimeProvider time)
    {
        if (config.KubeconfigFile.Length > 0)
        {
            return Kubeconfig.Load(config.KubeconfigFile);
        }
        if (config.ApiServer.Length > 0)
        {
            return FromSettings(new Uri(config.ApiServer), config.Http);
        }
        return InCluster(env, time);
    }

    /// <summary>The service account connection of a pod: KUBERNETES_SERVICE_HOST/PORT, token and ca.crt.</summary>
    public static KubeConnection InCluster(KubeEnvironment env, TimeProvider time)
    {
        var host = env.GetVariable("KUBERNETES_SERVICE_HOST");
        var port = env.GetVariable("KUBERNETES_SERVICE_PORT");
        if (string.IsNullOrEmpty(host) || string.IsNullOrEmpty(port))
        {
            throw new InvalidOperationException("unable to load in-cluster configuration, KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT must be defined (or set api_server or kubeconfig_file)");
        }
        var token = new FileSecret(Path.Combine(env.ServiceAccountDir, "token"), time);
        _ = token.Read();
        var caPath = Path.Combine(env.ServiceAccountDir, "ca.crt");
        var nsPath = Path.Combine(env.ServiceAccountDir, "namespace");
        return new KubeConnection
        {
            Server = new Uri($"https://{KubeLabels.JoinHostPort(host, long.Parse(port, System.Globalization.CultureInfo.InvariantCulture))}"),
            BearerToken = token.Read,
            CertificateAuthorities = File.Exists(caPath) ? Certificates.LoadPemBundle(File.ReadAllText(caPath)) : null,
            OwnNamespace = File.Exists(nsPath) ? File.ReadAllText(nsPath).Trim() : "",
            Origin = "in-cluster service account",
        };
    }

    /// <summary>
    /// An explicit api_server: auth, TLS and proxy come from the entry's HTTP client settings, applied by the
    /// shared <see cref="Http.HttpClientFactory"/> exactly as for scrapes.
    /// </summary>
    public static KubeConnection FromSettings(Uri server, HttpClientSettings http) => new()
    {
        Server = server,
        Settings = http,
        Origin = "api_server " + server.GetLeftPart(UriPartial.Authority),
    };
}

/// <summary>PEM helpers.</summary>
internal static class Certificates
{
    /// <summary>Every certificate of a PEM bundle.</summary>
    public static X509Certificate2Collection LoadPemBundle(string pem)
    {
        var collection = new X509Certificate2Collection();
        collection.ImportFromPem(pem);
        return collection;
    }
}
