using System.Text.Json;

namespace Vigil.Scrape.Discovery.Kubernetes;

/// <summary>
/// The <c>ingress</c> role: one target per rule host and path; the scheme is https when a TLS entry covers
/// the host (exactly or by a one-level wildcard).
/// </summary>
internal static class IngressRole
{
    private const string P = KubeLabels.Prefix + "ingress_";

    /// <summary>The group of one ingress.</summary>
    public static KubeTargetGroup Build(JsonElement ingress, IKubeLookup lookup)
    {
        var group = new KubeTargetGroup($"ingress/{ingress.Namespace()}/{ingress.Name()}");
        group.Labels[KubeLabels.Namespace] = ingress.Namespace();
        var spec = ingress.Get("spec");
        if (spec.OptStr("ingressClassName") is { } className)
        {
            group.Labels[P + "class_name"] = className;
        }
        KubeLabels.AddObjectMeta(group.Labels, ingress, "ingress");
        PodRole.AddNamespaceLabels(group.Labels, lookup, ingress.Namespace());
        var tlsHosts = spec.Items("tls").SelectMany(t => t.Items("hosts")).Select(h => h.GetString() ?? "").ToList();
        foreach (var rule in spec.Items("rules"))
        {
            var host = rule.Str("host");
            var scheme = tlsHosts.Any(pattern => MatchesHost(pattern, host)) ? "https" : "http";
            foreach (var path in Paths(rule))
            {
                var target = group.Add(host);
                target[P + "scheme"] = scheme;
                target[P + "host"] = host;
                target[P + "path"] = path;
            }
        }
        return group;
    }

    private static IEnumerable<string> Paths(JsonElement rule)
    {
        var http = rule.Get("http");
        if (http.ValueKind != JsonValueKind.Object)
        {
            return ["/"];
        }
        return http.Items("paths").Select(p => p.Str("path") is { Length: > 0 } path ? path : "/");
    }

    /// <summary>Whether a TLS host pattern (exact, or <c>*.</c> matching one label) covers <paramref name="host"/>.</summary>
    internal static bool MatchesHost(string pattern, string host)
    {
        if (pattern == host)
        {
            return true;
        }
        var patternParts = pattern.Split('.');
        var hostParts = host.Split('.');
        return patternParts[0] == "*" && patternParts.Length == hostParts.Length && patternParts.Skip(1).SequenceEqual(hostParts.Skip(1), StringComparer.Ordinal);
    }
}
