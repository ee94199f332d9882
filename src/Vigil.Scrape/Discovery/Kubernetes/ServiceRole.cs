using System.Globalization;
using System.Text.Json;

namespace Vigil.Scrape.Discovery.Kubernetes;

/// <summary>The <c>service</c> role: one target per service port, addressed by the service's DNS name.</summary>
internal static class ServiceRole
{
    private const string P = KubeLabels.Prefix + "service_";

    /// <summary>The group of one service.</summary>
    public static KubeTargetGroup Build(JsonElement service, IKubeLookup lookup)
    {
        var group = new KubeTargetGroup($"svc/{service.Namespace()}/{service.Name()}");
        AddServiceLabels(group.Labels, service);
        PodRole.AddNamespaceLabels(group.Labels, lookup, service.Namespace());
        var spec = service.Get("spec");
        var type = spec.Str("type");
        foreach (var port in spec.Items("ports"))
        {
            var number = (port.OptInt("port") ?? 0).ToString(CultureInfo.InvariantCulture);
            var target = group.Add($"{service.Name()}.{service.Namespace()}.svc:{number}");
            target[P + "port_name"] = port.Str("name");
            target[P + "port_number"] = number;
            target[P + "port_protocol"] = port.Str("protocol");
            target[P + "type"] = type;
            if (type == "ExternalName")
            {
                target[P + "external_name"] = spec.Str("externalName");
            }
            else
            {
                target[P + "cluster_ip"] = spec.Str("clusterIP");
            }
            if (type == "LoadBalancer")
            {
                target[P + "loadbalancer_ip"] = LoadBalancerIps(service);
            }
        }
        return group;
    }

    /// <summary>The service labels endpoints roles add too: namespace, name, labels, annotations.</summary>
    public static void AddServiceLabels(Dictionary<string, string> labels, JsonElement service)
    {
        labels[KubeLabels.Namespace] = service.Namespace();
        KubeLabels.AddObjectMeta(labels, service, "service");
    }

    private static string LoadBalancerIps(JsonElement service)
    {
        var ips = service.At("status", "loadBalancer").Items("ingress").Select(i => i.Str("ip")).Where(ip => ip.Length > 0).ToList();
        return ips.Count > 0 ? string.Join(',', ips) : service.Get("spec").Str("loadBalancerIP");
    }
}
