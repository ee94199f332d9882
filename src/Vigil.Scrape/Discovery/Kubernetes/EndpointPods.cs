using System.Text.Json;

namespace Vigil.Scrape.Discovery.Kubernetes;

/// <summary>
/// What the endpoints and endpointslice roles share about the pods behind addresses: pod labels on each
/// address's target, the matching container's labels, and one extra target per container port of a seen pod
/// that no endpoint port covered (so sidecar metrics ports are found too).
/// </summary>
internal sealed class EndpointPods(KubeTargetGroup group)
{
    private readonly Dictionary<string, (JsonElement Pod, HashSet<long> Ports)> _seen = new(StringComparer.Ordinal);

    /// <summary>The pod a target reference points to, when it is a known pod.</summary>
    public static JsonElement? Resolve(JsonElement targetRef, IKubeLookup lookup) =>
        targetRef.ValueKind == JsonValueKind.Object && targetRef.Str("kind") == "Pod"
            ? lookup.Find(KubeResource.Pod, KubeJson.KeyOf(targetRef.Str("namespace"), targetRef.Str("name")))
            : null;

    /// <summary>Adds the pod's labels and its container on <paramref name="port"/> to the target; remembers the port.</summary>
    public void Attach(Dictionary<string, string> target, JsonElement pod, long? port, Func<JsonElement, string> protocol)
    {
        if (!_seen.TryGetValue(pod.Key(), out var seen))
        {
            seen = (pod, []);
            _seen[pod.Key()] = seen;
        }
        PodRole.AddPodLabels(target, pod);
        if (port is not { } number)
        {
            return;
        }
        seen.Ports.Add(number);
        foreach (var (container, isInit) in PodRole.Containers(pod))
        {
            var match = container.Items("ports").FirstOrDefault(p => p.OptInt("containerPort") == number);
            if (match.ValueKind == JsonValueKind.Object)
            {
                PodRole.SetContainer(target, container, isInit);
                PodRole.SetPort(target, match, number, protocol(match));
                break;
            }
        }
    }

    /// <summary>Adds a target for every container port of the seen pods that no endpoint port matched.</summary>
    public void AddUncoveredPorts()
    {
        foreach (var (pod, ports) in _seen.Values)
        {
            var ip = pod.At("status").Str("podIP");
            if (ip.Length == 0)
            {
                continue;
            }
            foreach (var (container, isInit) in PodRole.Containers(pod))
            {
                foreach (var port in container.Items("ports"))
                {
                    var number = port.OptInt("containerPort") ?? 0;
                    if (ports.Contains(number))
                    {
                        continue;
                    }
                    var target = group.Add(KubeLabels.JoinHostPort(ip, number));
                    PodRole.SetContainer(target, container, isInit);
                    PodRole.SetPort(target, port, number, port.Str("protocol"));
                    PodRole.AddPodLabels(target, pod);
                }
            }
        }
    }
}
