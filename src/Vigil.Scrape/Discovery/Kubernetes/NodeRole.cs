using System.Text.Json;

namespace Vigil.Scrape.Discovery.Kubernetes;

/// <summary>
/// The <c>node</c> role: one target per node at its first address of the preferred type and the kubelet
/// port, with <c>instance</c> set to the node name and one label per address type.
/// </summary>
internal static class NodeRole
{
    private const string P = KubeLabels.Prefix + "node_";

    // Upstream's order of preference for the target address.
    private static readonly string[] AddressPreference = ["InternalIP", "InternalDNS", "ExternalIP", "ExternalDNS", "LegacyHostIP", "Hostname"];

    /// <summary>The group of one node, or null when the node has no usable address.</summary>
    public static KubeTargetGroup? Build(JsonElement node)
    {
        var group = new KubeTargetGroup($"node/{node.Name()}");
        group.Labels[P + "provider_id"] = node.At("spec").Str("providerID");
        foreach (var condition in node.At("status").Items("conditions"))
        {
            group.Labels[P + "condition_" + KubeLabels.Sanitize(condition.Str("type").ToLowerInvariant())] = condition.Str("status").ToLowerInvariant();
        }
        KubeLabels.AddObjectMeta(group.Labels, node, "node");
        var byType = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var address in node.At("status").Items("addresses"))
        {
            byType.TryAdd(address.Str("type"), address.Str("address"));
        }
        var host = AddressPreference.Where(byType.ContainsKey).Select(t => byType[t]).FirstOrDefault();
        if (host is null)
        {
            return null;
        }
        var port = node.At("status", "daemonEndpoints", "kubeletEndpoint").OptInt("Port") ?? 0;
        var target = group.Add(KubeLabels.JoinHostPort(host, port));
        target["instance"] = node.Name();
        foreach (var (type, address) in byType)
        {
            target[KubeLabels.Sanitize(P + "address_" + type)] = address;
        }
        return group;
    }
}
