namespace Vigil.Scrape.Discovery.Kubernetes;

/// <summary>The API resources this discovery lists and watches.</summary>
internal enum KubeResource
{
    /// <summary>core/v1 nodes (cluster-wide).</summary>
    Node,

    /// <summary>core/v1 pods.</summary>
    Pod,

    /// <summary>core/v1 services.</summary>
    Service,

    /// <summary>core/v1 endpoints.</summary>
    Endpoints,

    /// <summary>discovery.k8s.io/v1 endpointslices.</summary>
    EndpointSlice,

    /// <summary>networking.k8s.io/v1 ingresses.</summary>
    Ingress,

    /// <summary>core/v1 namespaces (cluster-wide).</summary>
    Namespace,
}

/// <summary>API paths and selector roles of <see cref="KubeResource"/>.</summary>
internal static class KubeResources
{
    /// <summary>The collection path, within <paramref name="ns"/> ("" for all namespaces or a cluster-wide resource).</summary>
    public static string Path(this KubeResource kind, string ns)
    {
        var (group, plural) = kind switch
        {
            KubeResource.Node => ("api/v1", "nodes"),
            KubeResource.Pod => ("api/v1", "pods"),
            KubeResource.Service => ("api/v1", "services"),
            KubeResource.Endpoints => ("api/v1", "endpoints"),
            KubeResource.EndpointSlice => ("apis/discovery.k8s.io/v1", "endpointslices"),
            KubeResource.Ingress => ("apis/networking.k8s.io/v1", "ingresses"),
            _ => ("api/v1", "namespaces"),
        };
        return ns.Length == 0 || kind.IsClusterWide() ? $"/{group}/{plural}" : $"/{group}/namespaces/{Uri.EscapeDataString(ns)}/{plural}";
    }

    /// <summary>Whether the resource has no namespace.</summary>
    public static bool IsClusterWide(this KubeResource kind) => kind is KubeResource.Node or KubeResource.Namespace;

    /// <summary>The role name a <c>selectors:</c> entry uses for this resource (as in the config).</summary>
    public static string SelectorRole(this KubeResource kind) => kind switch
    {
        KubeResource.Node => "node",
        KubeResource.Pod => "pod",
        KubeResource.Service => "service",
        KubeResource.Endpoints => "endpoints",
        KubeResource.EndpointSlice => "endpointslice",
        KubeResource.Ingress => "ingress",
        _ => "namespace",
    };
}
