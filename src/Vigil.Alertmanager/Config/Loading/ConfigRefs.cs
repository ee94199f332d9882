using YamlDotNet.RepresentationModel;

namespace Vigil.Alertmanager.Config.Loading;

/// <summary>A name used somewhere (a receiver or time interval), remembered with its place so a dangling reference can be reported there.</summary>
internal readonly record struct NameRef(string Name, YamlNode Node, string Path);

/// <summary>References collected while reading the route tree, checked once receivers and time intervals are known.</summary>
internal sealed class ConfigRefs
{
    public List<NameRef> Receivers { get; } = [];

    public List<NameRef> TimeIntervals { get; } = [];
}
