using Vigil.Config;
using Vigil.Config.Loading;
using Vigil.Model;
using Vigil.Model.Labels;
using Vigil.PromQL.Parser;
using YamlDotNet.RepresentationModel;

namespace Vigil.Rules.RuleFiles;

/// <summary>Reads a parsed rule file: groups, their settings and labels, then each rule through <see cref="RuleReader"/>.</summary>
internal static class RuleFileReader
{
    public static RuleFile? Read(ParseContext context, YamlNode root, string path, ParserOptions parser)
    {
        if (root is YamlSequenceNode)
        {
            context.Error(root, "", "expected a mapping with groups:, got a list",
                "a rule file starts with groups:, a list of groups each with name: and rules: (the list of rules)");
            return null;
        }
        if (MapReader.Open(context, root, "", RuleFileKeys.Top) is not { } top)
        {
            return YamlValues.IsNull(root) ? new RuleFile { Path = path } : null;
        }
        var groups = new List<RuleGroupConfig>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var g in top.MapList("groups", RuleFileKeys.Group))
        {
            if (ReadGroup(g, seen, parser) is { } group)
            {
                groups.Add(group);
            }
        }
        return new RuleFile { Path = path, Groups = groups };
    }

    private static RuleGroupConfig? ReadGroup(MapReader g, HashSet<string> seen, ParserOptions parser)
    {
        var name = g.String("name") ?? "";
        if (name.Length == 0)
        {
            g.Context.Error(g.KeyNode("name"), g.PathOf("name"), "a group needs a name (name: must not be empty)");
        }
        else if (!seen.Add(name))
        {
            g.Context.Error(g.Value("name")!, g.PathOf("name"), $"group name {GoString.Quote(name)} is repeated in the same file",
                "group names must be unique within a file; rename one or merge their rules");
        }
        var limit = g.Int("limit") ?? 0;
        if (limit < 0)
        {
            g.Context.Error(g.Value("limit")!, g.PathOf("limit"), "limit must not be negative", "use 0 for no limit");
        }
        var rules = new List<RuleConfig>();
        foreach (var r in g.MapList("rules", RuleFileKeys.Rule))
        {
            if (RuleReader.Read(r, parser) is { } rule)
            {
                rules.Add(rule);
            }
        }
        return new RuleGroupConfig
        {
            Name = name,
            Interval = PositiveDuration(g, "interval"),
            Limit = limit,
            QueryOffset = g.Duration("query_offset"),
            Labels = ReadLabels(g, "labels"),
            Rules = rules,
            Position = new SourcePosition((int)g.Node.Start.Line, (int)g.Node.Start.Column),
        };
    }

    private static TimeSpan? PositiveDuration(MapReader m, string key)
    {
        var value = m.Duration(key);
        if (value is { } d && d <= TimeSpan.Zero)
        {
            m.Context.Error(m.Value(key)!, m.PathOf(key), $"{key} must be greater than zero", "leave it out to use global: evaluation_interval");
            return null;
        }
        return value;
    }

    /// <summary>
    /// Reads a labels mapping and checks its names (any UTF-8 name, as Prometheus accepts today, but not
    /// <c>__name__</c>, which a rule cannot set through labels).
    /// </summary>
    public static IReadOnlyDictionary<string, string> ReadLabels(MapReader parent, string key)
    {
        var labels = parent.StringMap(key) ?? new Dictionary<string, string>();
        if (parent.Map(key, KeySection.AnyKeys) is not { } map)
        {
            return labels;
        }
        foreach (var (k, _) in map.Node.Children)
        {
            if (k is YamlScalarNode { Value: { } name } && (!LabelName.IsValid(name) || name == LabelName.MetricName))
            {
                var hint = name == LabelName.MetricName ? "the metric name of a recording rule is set with record:" : null;
                parent.Context.Error(k, $"{map.PathPrefix}.{name}", $"invalid label name: {GoString.Quote(name)}", hint);
            }
        }
        return labels;
    }
}
