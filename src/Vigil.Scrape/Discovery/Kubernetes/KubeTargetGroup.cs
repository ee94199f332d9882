using Vigil.Config.Prometheus;

namespace Vigil.Scrape.Discovery.Kubernetes;

/// <summary>
/// The targets one API object yields (its <see cref="Source"/> is upstream's <c>role/namespace/name</c>): labels
/// common to all targets, and one label set per target with its <c>__address__</c>.
/// </summary>
internal sealed class KubeTargetGroup(string source)
{
    /// <summary>The object the targets came from.</summary>
    public string Source { get; } = source;

    /// <summary>Labels of every target of the object.</summary>
    public Dictionary<string, string> Labels { get; } = new(StringComparer.Ordinal);

    /// <summary>One label set per target, each with <c>__address__</c>.</summary>
    public List<Dictionary<string, string>> Targets { get; } = [];

    /// <summary>Adds a target with the given labels.</summary>
    public Dictionary<string, string> Add(string address)
    {
        var target = new Dictionary<string, string>(StringComparer.Ordinal) { [KubeLabels.Address] = address };
        Targets.Add(target);
        return target;
    }

    /// <summary>
    /// One static group per target, with the group's labels under the target's own (a target's label wins,
    /// as when Prometheus combines a target with its group).
    /// </summary>
    public IEnumerable<StaticTargetGroup> ToStaticGroups()
    {
        foreach (var target in Targets)
        {
            var labels = new Dictionary<string, string>(Labels, StringComparer.Ordinal);
            foreach (var (name, value) in target)
            {
                labels[name] = value;
            }
            labels.Remove(KubeLabels.Address, out var address);
            yield return new StaticTargetGroup([address ?? ""], labels);
        }
    }
}
