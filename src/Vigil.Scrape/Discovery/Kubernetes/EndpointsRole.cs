using System.Text.Json;

namespace Vigil.Scrape.Discovery.Kubernetes;

/// <summary>
/// The <c>endpoints</c> role: one target per address and port of every subset (ready and not ready), with
/// the service's labels on the group and the backing pod's labels on its targets.
/// </summary>
internal static class EndpointsRole
{
    private const string P = KubeLabels.Prefix + "endpoint_";

    /// <summary>The group of one Endpoints object.</summary>
    public static KubeTargetGroup Build(JsonElement endpoints, IKubeLookup lookup)
    {
        var group = new KubeTargetGroup($"endpoints/{endpoints.Namespace()}/{endpoints.Name()}");
        group.Labels[KubeLabels.Namespace] = endpoints.Namespace();
        if (lookup.Find(KubeResource.Service, endpoints.Key()) is { } service)
        {
            ServiceRole.AddServiceLabels(group.Labels, service);
        }
        KubeLabels.AddObjectMeta(group.Labels, endpoints, "endpoints");
        PodRole.AddNamespaceLabels(group.Labels, lookup, endpoints.Namespace());
        var pods = new EndpointPods(group);
        foreach (var subset in endpoints.Items("subsets"))
        {
            foreach (var port in subset.Items("ports"))
            {
                foreach (var address in subset.Items("addresses"))
                {
                    Add(group, pods, lookup, address, port, ready: true);
                }
                foreach (var address in subset.Items("notReadyAddresses"))
                {
                    Add(group, pods, lookup, address, port, ready: false);
                }
            }
        }
        pods.AddUncoveredPorts();
        return group;
    }

    private static void Add(KubeTargetGroup group, EndpointPods pods, IKubeLookup lookup, JsonElement address, JsonElement port, bool ready)
    {
        var number = port.OptInt("port") ?? 0;
        var target = group.Add(KubeLabels.JoinHostPort(address.Str("ip"), number));
        target[P + "port_name"] = port.Str("name");
        target[P + "port_protocol"] = port.Str("protocol");
        target[P + "ready"] = KubeLabels.Bool(ready);
        var targetRef = address.Get("targetRef");
        if (targetRef.ValueKind == JsonValueKind.Object)
        {
            target[P + "address_target_kind"] = targetRef.Str("kind");
            target[P + "address_target_name"] = targetRef.Str("name");
        }
        var nodeName = address.OptStr("nodeName");
        if (nodeName is not null)
        {
            target[P + "node_name"] = nodeName;
        }
        if (address.Str("hostname") is { Length: > 0 } hostname)
        {
            target[P + "hostname"] = hostname;
        }
        PodRole.AddNodeLabels(target, lookup, nodeName ?? (targetRef.Str("kind") == "Node" ? targetRef.Str("name") : null));
        if (EndpointPods.Resolve(targetRef, lookup) is { } pod)
        {
            // As upstream, the container's protocol label here is the endpoint port's.
            pods.Attach(target, pod, number, _ => port.Str("protocol"));
        }
    }
}
