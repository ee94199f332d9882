using System.Security.Cryptography.X509Certificates;
using System.Text;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Vigil.Scrape.Discovery.Kubernetes;

/// <summary>
/// Reads the current context of a kubeconfig file: the cluster's server and CA, and the user's token,
/// client certificate or basic auth. Relative file paths are taken from the kubeconfig's directory, as kubectl does.
/// </summary>
public static class Kubeconfig
{
    /// <summary>Loads <paramref name="path"/>; throws <see cref="InvalidOperationException"/> naming the file and the missing part.</summary>
    public static KubeConnection Load(string path)
    {
        YamlMappingNode root;
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(File.ReadAllText(path)));
            root = stream.Documents.FirstOrDefault()?.RootNode as YamlMappingNode ?? throw new InvalidOperationException($"kubeconfig {path}: not a mapping");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or YamlException)
        {
            throw new InvalidOperationException($"kubeconfig {path}: {e.Message}", e);
        }
        var dir = Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
        var contextName = Scalar(root, "current-context") ?? throw new InvalidOperationException($"kubeconfig {path}: no current-context");
        var context = Named(root, "contexts", "context", contextName) ?? throw new InvalidOperationException($"kubeconfig {path}: context \"{contextName}\" not found");
        var clusterName = Scalar(context, "cluster") ?? "";
        var cluster = Named(root, "clusters", "cluster", clusterName) ?? throw new InvalidOperationException($"kubeconfig {path}: cluster \"{clusterName}\" not found");
        var user = Named(root, "users", "user", Scalar(context, "user") ?? "");
        var server = Scalar(cluster, "server") ?? throw new InvalidOperationException($"kubeconfig {path}: cluster \"{clusterName}\" has no server");
        return new KubeConnection
        {
            Server = new Uri(server),
            CertificateAuthorities = Pem(cluster, "certificate-authority", dir) is { } ca ? Certificates.LoadPemBundle(ca) : null,
            InsecureSkipVerify = Scalar(cluster, "insecure-skip-tls-verify") == "true",
            ServerName = Scalar(cluster, "tls-server-name") ?? "",
            ProxyUrl = Scalar(cluster, "proxy-url") ?? "",
            ClientCertificate = user is null ? null : ClientCertificate(user, dir),
            BearerToken = user is null ? static () => null : Token(user, dir),
            BasicAuth = user is not null && Scalar(user, "username") is { } name ? (name, () => Scalar(user, "password") ?? "") : null,
            Origin = $"kubeconfig {path} context {contextName}",
        };
    }

    private static X509Certificate2? ClientCertificate(YamlMappingNode user, string dir)
    {
        var cert = Pem(user, "client-certificate", dir);
        var key = Pem(user, "client-key", dir);
        return cert is not null && key is not null ? X509Certificate2.CreateFromPem(cert, key) : null;
    }

    private static Func<string?> Token(YamlMappingNode user, string dir)
    {
        if (Scalar(user, "token") is { } token)
        {
            return () => token;
        }
        if (Scalar(user, "tokenFile") is { } file)
        {
            var full = Path.Combine(dir, file);
            return () => File.ReadAllText(full).Trim();
        }
        return static () => null;
    }

    /// <summary>The PEM text of <c>key-data</c> (base64) or the file <c>key</c>.</summary>
    private static string? Pem(YamlMappingNode node, string key, string dir)
    {
        if (Scalar(node, key + "-data") is { } data)
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(data));
        }
        return Scalar(node, key) is { } file ? File.ReadAllText(Path.Combine(dir, file)) : null;
    }

    private static YamlMappingNode? Named(YamlMappingNode root, string list, string inner, string name)
    {
        if (!root.Children.TryGetValue(new YamlScalarNode(list), out var items) || items is not YamlSequenceNode sequence)
        {
            return null;
        }
        return sequence.OfType<YamlMappingNode>()
            .Where(item => Scalar(item, "name") == name)
            .Select(item => item.Children.TryGetValue(new YamlScalarNode(inner), out var body) ? body as YamlMappingNode : null)
            .FirstOrDefault();
    }

    private static string? Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) && value is YamlScalarNode { Value: { Length: > 0 } text } ? text : null;
}
