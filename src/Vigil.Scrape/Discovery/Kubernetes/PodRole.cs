using System.Globalization;
using System.Text.Json;

namespace Vigil.Scrape.Discovery.Kubernetes;

/// <summary>
/// The <c>pod</c> role: one target per declared container port (address podIP:port), or one per container
/// without ports (address the bare pod IP, for relabelling to add a port). Pods without an IP yield nothing.
/// </summary>
internal static class PodRole
{
    private const string P = KubeLabels.Prefix + "pod_";

    /// <summary>The container labels; endpoints roles set them too for the pod behind an address.</summary>
    public const string ContainerName = P + "container_name";
    public const string ContainerId = P + "container_id";
    public const string ContainerImage = P + "container_image";
    public const string ContainerPortName = P + "container_port_name";
    public const string ContainerPortNumber = P + "container_port_number";
    public const string ContainerPortProtocol = P + "container_port_protocol";
    public const string ContainerInit = P + "container_init";

    /// <summary>The group of one pod.</summary>
    public static KubeTargetGroup Build(JsonElement pod, IKubeLookup lookup)
    {
        var group = new KubeTargetGroup($"pod/{pod.Namespace()}/{pod.Name()}");
        var ip = pod.At("status").Str("podIP");
        var nodeName = pod.At("spec").Str("nodeName");
        // With node metadata, a pod on a node the node selectors filtered out is not a target either.
        if (ip.Length == 0 || lookup.WithNodes && lookup.Find(KubeResource.Node, nodeName) is null)
        {
            return group;
        }
        AddPodLabels(group.Labels, pod);
        group.Labels[KubeLabels.Namespace] = pod.Namespace();
        AddNodeLabels(group.Labels, lookup, nodeName);
        AddNamespaceLabels(group.Labels, lookup, pod.Namespace());
        foreach (var (container, isInit) in Containers(pod))
        {
            AddContainerTargets(group, pod, ip, container, isInit);
        }
        return group;
    }

    private static void AddContainerTargets(KubeTargetGroup group, JsonElement pod, string ip, JsonElement container, bool isInit)
    {
        var name = container.Str("name");
        var id = FindContainerId(pod, name, isInit);
        var ports = container.Items("ports").ToList();
        if (ports.Count == 0)
        {
            var bare = group.Add(ip);
            SetContainer(bare, container, isInit);
            bare[ContainerId] = id;
            return;
        }
        foreach (var port in ports)
        {
            var number = port.OptInt("containerPort") ?? 0;
            var target = group.Add(KubeLabels.JoinHostPort(ip, number));
            SetContainer(target, container, isInit);
            target[ContainerId] = id;
            SetPort(target, port, number, port.Str("protocol"));
        }
    }

    /// <summary>The containers then the init containers, each with whether it is an init container.</summary>
    public static IEnumerable<(JsonElement Container, bool IsInit)> Containers(JsonElement pod)
    {
        var spec = pod.Get("spec");
        return spec.Items("containers").Select(c => (c, false)).Concat(spec.Items("initContainers").Select(c => (c, true)));
    }

    /// <summary>Sets the container name, image and init flag.</summary>
    public static void SetContainer(Dictionary<string, string> target, JsonElement container, bool isInit)
    {
        target[ContainerName] = container.Str("name");
        target[ContainerImage] = container.Str("image");
        target[ContainerInit] = KubeLabels.Bool(isInit);
    }

    /// <summary>Sets the container port's name, number and protocol.</summary>
    public static void SetPort(Dictionary<string, string> target, JsonElement port, long number, string protocol)
    {
        target[ContainerPortName] = port.Str("name");
        target[ContainerPortNumber] = number.ToString(CultureInfo.InvariantCulture);
        target[ContainerPortProtocol] = protocol;
    }

    private static string FindContainerId(JsonElement pod, string name, bool isInit)
    {
        var statuses = pod.Get("status").Items(isInit ? "initContainerStatuses" : "containerStatuses");
        return statuses.Where(s => s.Str("name") == name).Select(s => s.Str("containerID")).FirstOrDefault() ?? "";
    }

    /// <summary>The pod-level labels (IP, phase, ready, node, host IP, uid, controller, labels, annotations).</summary>
    public static void AddPodLabels(Dictionary<string, string> labels, JsonElement pod)
    {
        var status = pod.Get("status");
        labels[P + "ip"] = status.Str("podIP");
        labels[P + "ready"] = Ready(status);
        labels[P + "phase"] = status.Str("phase");
        labels[P + "node_name"] = pod.Get("spec").Str("nodeName");
        labels[P + "host_ip"] = status.Str("hostIP");
        labels[P + "uid"] = pod.Get("metadata").Str("uid");
        KubeLabels.AddObjectMeta(labels, pod, "pod");
        var controller = pod.Get("metadata").Items("ownerReferences").FirstOrDefault(o => o.OptBool("controller") == true);
        if (controller.ValueKind == JsonValueKind.Object)
        {
            SetIfNotEmpty(labels, P + "controller_kind", controller.Str("kind"));
            SetIfNotEmpty(labels, P + "controller_name", controller.Str("name"));
        }
    }

    private static void SetIfNotEmpty(Dictionary<string, string> labels, string name, string value)
    {
        if (value.Length > 0)
        {
            labels[name] = value;
        }
    }

    private static string Ready(JsonElement status)
    {
        var ready = status.Items("conditions").FirstOrDefault(c => c.Str("type") == "Ready");
        return ready.ValueKind == JsonValueKind.Object ? ready.Str("status").ToLowerInvariant() : "unknown";
    }

    /// <summary>With node metadata on, adds the node's name, labels and annotations.</summary>
    public static void AddNodeLabels(Dictionary<string, string> labels, IKubeLookup lookup, string? nodeName)
    {
        if (lookup.WithNodes && nodeName is not null && lookup.Find(KubeResource.Node, nodeName) is { } node)
        {
            KubeLabels.AddObjectMeta(labels, node, "node");
        }
    }

    /// <summary>With namespace metadata on, adds the namespace's labels and annotations.</summary>
    public static void AddNamespaceLabels(Dictionary<string, string> labels, IKubeLookup lookup, string ns)
    {
        if (lookup.WithNamespaces && lookup.Find(KubeResource.Namespace, ns) is { } found)
        {
            KubeLabels.AddLabelsAndAnnotations(labels, found, "namespace");
        }
    }
}
