using Vigil.Config.Prometheus;

namespace Vigil.Scrape.Discovery.Kubernetes;

/// <summary>Which resources a role watches, in which namespaces, with which selectors.</summary>
internal static class RolePlan
{
    /// <summary>The resource whose objects become target groups.</summary>
    public static KubeResource Primary(string role) => role switch
    {
        "node" => KubeResource.Node,
        "service" => KubeResource.Service,
        "endpoints" => KubeResource.Endpoints,
        "endpointslice" => KubeResource.EndpointSlice,
        "ingress" => KubeResource.Ingress,
        _ => KubeResource.Pod,
    };

    /// <summary>The resources watched for a role: the primary one, the objects its targets borrow labels from, and metadata sources.</summary>
    public static IReadOnlyList<KubeResource> Resources(KubernetesSdConfig config)
    {
        var primary = Primary(config.Role);
        var kinds = new List<KubeResource> { primary };
        if (primary is KubeResource.Endpoints or KubeResource.EndpointSlice)
        {
            kinds.Add(KubeResource.Service);
            kinds.Add(KubeResource.Pod);
        }
        if (config.AttachNodeMetadata && primary is KubeResource.Pod or KubeResource.Endpoints or KubeResource.EndpointSlice)
        {
            kinds.Add(KubeResource.Node);
        }
        if (config.AttachNamespaceMetadata && primary != KubeResource.Node)
        {
            kinds.Add(KubeResource.Namespace);
        }
        return kinds;
    }

    /// <summary>The namespaces to watch: the configured names (plus our own when asked), or all ("").</summary>
    public static IReadOnlyList<string> Namespaces(KubernetesSdConfig config, string ownNamespace)
    {
        var names = config.Namespaces.ToList();
        if (config.OwnNamespace && ownNamespace.Length > 0)
        {
            names.Add(ownNamespace);
        }
        return names.Count == 0 && !config.OwnNamespace ? [""] : [.. names.Distinct(StringComparer.Ordinal)];
    }

    /// <summary>One watcher per namespaced resource and namespace, one per cluster-wide resource.</summary>
    public static IReadOnlyList<ResourceWatcher> Watchers(KubernetesSdConfig config, string ownNamespace, Func<KubeApiClient> client, WatchContext context)
    {
        var watchers = new List<ResourceWatcher>();
        foreach (var kind in Resources(config))
        {
            var selectors = SelectorsFor(config, kind);
            var namespaces = kind.IsClusterWide() ? [""] : Namespaces(config, ownNamespace);
            watchers.AddRange(namespaces.Select(ns => new ResourceWatcher(kind, ns, selectors, client, context)));
        }
        return watchers;
    }

    private static Selectors SelectorsFor(KubernetesSdConfig config, KubeResource kind)
    {
        var role = kind.SelectorRole();
        var match = config.Selectors.FirstOrDefault(s => s.Role == role);
        return new Selectors(match.Label ?? "", match.Field ?? "");
    }
}
