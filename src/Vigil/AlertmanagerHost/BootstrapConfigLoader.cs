using Vigil.Alertmanager.Config;
using Vigil.Model.Labels;
using Vigil.Model.Time;
using YamlDotNet.RepresentationModel;

namespace Vigil.AlertmanagerHost;

/// <summary>
/// TEMPORARY stand-in until <c>Config/ConfigLoader</c> lands: reads just enough of
/// <c>alertmanager.yml</c> (resolve_timeout, the route tree, receiver names) to serve the API.
/// It validates little and never exposes the original text (it cannot mask secrets).
/// </summary>
public static class BootstrapConfigLoader
{
    /// <summary>Loads <paramref name="path"/>.</summary>
    public static ConfigLoadOutcome Load(string path)
    {
        try
        {
            var yaml = new YamlStream();
            using (var reader = new StreamReader(path))
            {
                yaml.Load(reader);
            }
            var root = yaml.Documents.Count > 0 ? yaml.Documents[0].RootNode as YamlMappingNode : null;
            if (root is null || Child(root, "route") is not YamlMappingNode route)
            {
                return new ConfigLoadOutcome(null, [$"{path}: route: no route provided in config"], []);
            }
            var resolve = Scalar(Child(root, "global"), "resolve_timeout");
            return new ConfigLoadOutcome(new AlertmanagerConfig
            {
                Global = new GlobalConfig { ResolveTimeout = resolve is null ? TimeSpan.FromMinutes(5) : PromDuration.Parse(resolve) },
                Route = Route(route, null),
                Receivers = Receivers(Child(root, "receivers")),
                SourcePath = path,
            }, [], []);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or YamlDotNet.Core.YamlException or FormatException)
        {
            return new ConfigLoadOutcome(null, [$"{path}: {e.Message}"], []);
        }
    }

    private static RouteConfig Route(YamlMappingNode node, RouteConfig? parent)
    {
        var matchers = new List<Matcher>();
        if (Child(node, "matchers") is YamlSequenceNode list)
        {
            matchers.AddRange(list.Children.OfType<YamlScalarNode>().SelectMany(s => MatcherParser.ParseList(s.Value ?? "")));
        }
        AddMap(matchers, Child(node, "match"), MatcherType.Equal);
        AddMap(matchers, Child(node, "match_re"), MatcherType.Regexp);
        var route = new RouteConfig
        {
            Receiver = Scalar(node, "receiver") ?? parent?.Receiver ?? "",
            Matchers = matchers,
            Continue = Scalar(node, "continue") == "true",
            GroupBy = Child(node, "group_by") is YamlSequenceNode g ? [.. g.Children.OfType<YamlScalarNode>().Select(s => s.Value ?? "")] : parent?.GroupBy ?? [],
        };
        var children = Child(node, "routes") is YamlSequenceNode r ? r.Children.OfType<YamlMappingNode>().Select(c => Route(c, route)).ToList() : [];
        return route with { Routes = children };
    }

    private static void AddMap(List<Matcher> matchers, YamlNode? node, MatcherType type)
    {
        if (node is YamlMappingNode map)
        {
            matchers.AddRange(map.Children.Select(kv => new Matcher(type, ((YamlScalarNode)kv.Key).Value ?? "", (kv.Value as YamlScalarNode)?.Value ?? "")));
        }
    }

    private static List<ReceiverConfig> Receivers(YamlNode? node) => node is YamlSequenceNode seq
        ? [.. seq.Children.OfType<YamlMappingNode>().Select(r => new ReceiverConfig { Name = Scalar(r, "name") ?? "" })]
        : [];

    private static YamlNode? Child(YamlNode? node, string key) =>
        node is YamlMappingNode map && map.Children.TryGetValue(new YamlScalarNode(key), out var v) ? v : null;

    private static string? Scalar(YamlNode? node, string key) => (Child(node, key) as YamlScalarNode)?.Value;
}
