using Vigil.Model;
using Vigil.Model.Labels;

namespace Vigil.Alertmanager.Config.Loading;

/// <summary>
/// Reads the routing tree. Each node's receiver, group_by and timers are filled in from its parent
/// when not set, as Alertmanager's dispatcher does, so consumers see the effective values.
/// </summary>
internal sealed class RouteReader(ParseContext context, ConfigRefs refs)
{
    /// <summary>Reads the root route (<c>route:</c> under <paramref name="top"/>); null with an error when missing.</summary>
    public RouteConfig? ReadRoot(MapReader top)
    {
        if (top.Map("route", ConfigKeys.Route) is not { } root)
        {
            if (top.HasKey("route") && !top.Has("route"))
            {
                context.Error(top.KeyNode("route"), "route", "route: is empty", "indent its keys (receiver:, group_wait:, routes:, ...) below route:");
            }
            else if (!top.HasKey("route"))
            {
                context.Error(top.Node, "route", "no route provided", "every alertmanager.yml needs a root route: route: { receiver: <name of a receiver> }");
            }
            return null;
        }
        CheckRoot(root);
        return Read(root, new RouteConfig());
    }

    private void CheckRoot(MapReader root)
    {
        if (!root.Has("receiver"))
        {
            context.Error(root.Node, root.PathOf("receiver"), "the root route must name a receiver",
                "add receiver: <name> under route:; alerts that match no child route go there");
        }
        foreach (var key in new[] { "matchers", "match", "match_re" })
        {
            Forbid(root, key, "the root route must not have matchers: every alert enters the tree there", "move the matchers into a child route under routes:");
        }
        Forbid(root, "mute_time_intervals", "the root route cannot have mute_time_intervals", "set them on a child route under routes:");
        Forbid(root, "active_time_intervals", "the root route cannot have active_time_intervals", "set them on a child route under routes:");
        if (root.Bool("continue") == true)
        {
            context.Error(root.Value("continue")!, root.PathOf("continue"), "the root route cannot have continue: true", "continue applies to child routes (try the next sibling)");
        }
    }

    private void Forbid(MapReader m, string key, string message, string hint)
    {
        if (m.Has(key))
        {
            context.Error(m.KeyNode(key), m.PathOf(key), message, hint);
        }
    }

    private RouteConfig Read(MapReader m, RouteConfig parent)
    {
        var receiver = m.String("receiver");
        if (receiver is not null)
        {
            refs.Receivers.Add(new NameRef(receiver, m.Value("receiver")!, m.PathOf("receiver")));
        }
        var (groupBy, groupByAll) = ReadGroupBy(m) ?? (parent.GroupBy, parent.GroupByAll);
        var route = new RouteConfig
        {
            Receiver = receiver ?? parent.Receiver,
            GroupBy = groupBy,
            GroupByAll = groupByAll,
            Matchers = MatcherReader.Sorted(MatcherReader.ReadAll(m, "matchers", "match", "match_re")),
            Continue = m.Bool("continue") ?? false,
            GroupWait = m.Duration("group_wait") ?? parent.GroupWait,
            GroupInterval = NonZero(m, "group_interval") ?? parent.GroupInterval,
            RepeatInterval = NonZero(m, "repeat_interval") ?? parent.RepeatInterval,
            // Time interval lists are not inherited: upstream's dispatcher takes them from each node as written.
            MuteTimeIntervals = IntervalNames(m, "mute_time_intervals"),
            ActiveTimeIntervals = IntervalNames(m, "active_time_intervals"),
            Labels = Merge(parent.Labels, ReadLabels(m)),
            Position = new SourcePosition((int)m.Node.Start.Line, (int)m.Node.Start.Column),
        };
        TimerNotes.Check(m, route);
        var children = m.MapList("routes", ConfigKeys.Route).Select(child => Read(child, route)).ToList();
        return route with { Routes = children };
    }

    private (IReadOnlyList<string>, bool)? ReadGroupBy(MapReader m)
    {
        if (m.StringList("group_by") is not { } names)
        {
            return null;
        }
        var seq = m.Sequence("group_by")!;
        var all = names.Contains("...");
        var labels = new List<string>();
        for (var i = 0; i < names.Count; i++)
        {
            var path = $"{m.PathOf("group_by")}[{i}]";
            if (names[i] == "...")
            {
                continue;
            }
            if (!LabelName.IsValid(names[i]))
            {
                context.Error(seq.Children[i], path, $"invalid label name {GoString.Quote(names[i])} in group_by");
            }
            else if (labels.Contains(names[i]))
            {
                context.Error(seq.Children[i], path, $"duplicated label {GoString.Quote(names[i])} in group_by");
            }
            else
            {
                labels.Add(names[i]);
            }
        }
        if (all && labels.Count > 0)
        {
            context.Error(seq, m.PathOf("group_by"), "'...' (group by all labels) cannot be combined with other labels in group_by",
                "write group_by: ['...'] alone, or list only the labels");
        }
        return all ? ([], true) : (labels, false);
    }

    private TimeSpan? NonZero(MapReader m, string key)
    {
        var value = m.Duration(key);
        if (value == TimeSpan.Zero)
        {
            context.Error(m.Value(key)!, m.PathOf(key), $"{key} cannot be zero");
            return null;
        }
        return value;
    }

    private IReadOnlyList<string> IntervalNames(MapReader m, string key)
    {
        var names = m.StringList(key) ?? [];
        var seq = m.Sequence(key);
        for (var i = 0; i < names.Count && seq is not null; i++)
        {
            refs.TimeIntervals.Add(new NameRef(names[i], seq.Children[i], $"{m.PathOf(key)}[{i}]"));
        }
        return names;
    }

    private static Dictionary<string, string> Merge(IReadOnlyDictionary<string, string> parent, IReadOnlyDictionary<string, string> own)
    {
        var merged = new Dictionary<string, string>(parent, StringComparer.Ordinal);
        foreach (var (k, v) in own)
        {
            merged[k] = v;
        }
        return merged;
    }

    private IReadOnlyDictionary<string, string> ReadLabels(MapReader m)
    {
        var labels = m.StringMap("labels") ?? new Dictionary<string, string>();
        foreach (var name in labels.Keys.Where(n => !LabelName.IsValid(n)))
        {
            context.Error(m.Value("labels")!, m.PathOf("labels"), $"invalid label name {GoString.Quote(name)} in route labels");
        }
        return labels;
    }
}
