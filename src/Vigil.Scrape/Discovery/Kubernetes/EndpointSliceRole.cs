using System.Globalization;
using System.Text.Json;

namespace Vigil.Scrape.Discovery.Kubernetes;

/// <summary>
/// The <c>endpointslice</c> role: one target per endpoint address and slice port, with endpoint conditions,
/// zone and hostname; the owning service's labels on the group and the backing pod's on its targets.
/// </summary>
internal static class EndpointSliceRole
{
    private const string P = KubeLabels.Prefix + "endpointslice_";

    /// <summary>The group of one EndpointSlice.</summary>
    public static KubeTargetGroup Build(JsonElement slice, IKubeLookup lookup)
    {
        var group = new KubeTargetGroup($"endpointslice/{slice.Namespace()}/{slice.Name()}");
        group.Labels[KubeLabels.Namespace] = slice.Namespace();
        group.Labels[P + "address_type"] = slice.Str("addressType");
        KubeLabels.AddObjectMeta(group.Labels, slice, "endpointslice");
        var service = OwningService(slice, lookup);
        if (service is { } found)
        {
            ServiceRole.AddServiceLabels(group.Labels, found);
        }
        PodRole.AddNamespaceLabels(group.Labels, lookup, slice.Namespace());
        if (service is { } svc && IsSecondaryFamily(svc, slice))
        {
            return group;
        }
        var pods = new EndpointPods(group);
        foreach (var endpoint in slice.Items("endpoints"))
        {
            foreach (var port in slice.Items("ports"))
            {
                foreach (var address in endpoint.Items("addresses"))
                {
                    Add(group, pods, lookup, address.GetString() ?? "", endpoint, port);
                }
            }
        }
        pods.AddUncoveredPorts();
        return group;
    }

    private static JsonElement? OwningService(JsonElement slice, IKubeLookup lookup)
    {
        var name = slice.Get("metadata").Pairs("labels").Where(l => l.Key == "kubernetes.io/service-name").Select(l => l.Value).FirstOrDefault();
        return name is null ? null : lookup.Find(KubeResource.Service, KubeJson.KeyOf(slice.Namespace(), name));
    }

    // A dual-stack service has a slice per IP family; only its primary family's slice is scraped, so each
    // pod is scraped once.
    private static bool IsSecondaryFamily(JsonElement service, JsonElement slice)
    {
        var spec = service.Get("spec");
        var policy = spec.OptStr("ipFamilyPolicy");
        var families = spec.Items("ipFamilies").Select(f => f.GetString()).ToList();
        return policy is "PreferDualStack" or "RequireDualStack" && families.Count > 0 && families[0] != slice.Str("addressType");
    }

    private static void Add(KubeTargetGroup group, EndpointPods pods, IKubeLookup lookup, string address, JsonElement endpoint, JsonElement port)
    {
        var number = port.OptInt("port");
        var target = group.Add(number is { } n ? KubeLabels.JoinHostPort(address, n) : address);
        SetIfPresent(target, P + "port_name", port.OptStr("name"));
        SetIfPresent(target, P + "port_protocol", port.OptStr("protocol"));
        SetIfPresent(target, P + "port", number?.ToString(CultureInfo.InvariantCulture));
        SetIfPresent(target, P + "port_app_protocol", port.OptStr("appProtocol"));
        var conditions = endpoint.Get("conditions");
        SetIfPresent(target, P + "endpoint_conditions_ready", Bool(conditions.OptBool("ready")));
        SetIfPresent(target, P + "endpoint_conditions_serving", Bool(conditions.OptBool("serving")));
        SetIfPresent(target, P + "endpoint_conditions_terminating", Bool(conditions.OptBool("terminating")));
        SetIfPresent(target, P + "endpoint_hostname", endpoint.OptStr("hostname"));
        var targetRef = endpoint.Get("targetRef");
        if (targetRef.ValueKind == JsonValueKind.Object)
        {
            target[P + "address_target_kind"] = targetRef.Str("kind");
            target[P + "address_target_name"] = targetRef.Str("name");
        }
        var nodeName = endpoint.OptStr("nodeName");
        SetIfPresent(target, P + "endpoint_node_name", nodeName);
        SetIfPresent(target, P + "endpoint_zone", endpoint.OptStr("zone"));
        foreach (var (key, value) in endpoint.Pairs("deprecatedTopology"))
        {
            target[P + "endpoint_topology_" + KubeLabels.Sanitize(key)] = value;
            target[P + "endpoint_topology_present_" + KubeLabels.Sanitize(key)] = KubeLabels.Present;
        }
        PodRole.AddNodeLabels(target, lookup, targetRef.Str("kind") == "Node" ? targetRef.Str("name") : nodeName);
        if (EndpointPods.Resolve(targetRef, lookup) is { } pod)
        {
            pods.Attach(target, pod, number, containerPort => containerPort.Str("protocol"));
        }
    }

    private static string? Bool(bool? value) => value is { } b ? KubeLabels.Bool(b) : null;

    private static void SetIfPresent(Dictionary<string, string> target, string name, string? value)
    {
        if (value is not null)
        {
            target[name] = value;
        }
    }
}
