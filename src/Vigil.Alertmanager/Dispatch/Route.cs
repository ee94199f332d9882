using System.Text;
using Vigil.Alertmanager.Config;
using Vigil.Model.Labels;

namespace Vigil.Alertmanager.Dispatch;

/// <summary>
/// A node of the runtime routing tree built from a <see cref="RouteConfig"/>: its matchers (sorted
/// as Alertmanager sorts them), options, children, and the key and id Alertmanager derives from them.
/// </summary>
public sealed class Route
{
    private readonly HashSet<string> _groupBy;

    private Route(RouteConfig config, Route? parent, int siblingIndex, ref int counter)
    {
        Config = config;
        Parent = parent;
        Index = counter++;
        Matchers = [.. config.Matchers.Order(MatcherOrder.Instance)];
        _groupBy = new HashSet<string>(config.GroupBy, StringComparer.Ordinal);
        var matchers = RenderMatchers(Matchers);
        Key = parent is null ? matchers : parent.Key + "/" + matchers;
        Id = parent is null ? matchers : parent.Id + "/" + matchers + "/" + siblingIndex;
        var children = new Route[config.Routes.Count];
        for (var i = 0; i < children.Length; i++)
        {
            children[i] = new Route(config.Routes[i], this, i, ref counter);
        }
        Routes = children;
    }

    /// <summary>Builds the tree; indexes are assigned depth-first from 0 at the root.</summary>
    public static Route Build(RouteConfig root)
    {
        var counter = 0;
        return new Route(root, null, 0, ref counter);
    }

    /// <summary>The configuration this node came from (inheritance already applied).</summary>
    public RouteConfig Config { get; }

    /// <summary>The parent node, null at the root.</summary>
    public Route? Parent { get; }

    /// <summary>The node's position in a depth-first walk (root = 0).</summary>
    public int Index { get; }

    /// <summary>The matchers, in Alertmanager's order (name, then value, then operator).</summary>
    public IReadOnlyList<Matcher> Matchers { get; }

    /// <summary>The child nodes in order.</summary>
    public IReadOnlyList<Route> Routes { get; }

    /// <summary>
    /// Alertmanager's route key: the parent's key, <c>/</c>, and this node's matchers as
    /// <c>{a="1",b=~"x"}</c>. Not unique: siblings with equal matchers share it.
    /// </summary>
    public string Key { get; }

    /// <summary>Alertmanager's route id: like <see cref="Key"/> plus <c>/index</c> among siblings for every non-root node.</summary>
    public string Id { get; }

    /// <summary>The receiver name.</summary>
    public string Receiver => Config.Receiver;

    /// <summary>The number of nodes in this subtree.</summary>
    public int Count => 1 + Routes.Sum(r => r.Count);

    /// <summary>
    /// The nodes an alert with these labels goes to: depth-first, left to right; a matching child
    /// stops the search among its siblings unless it has <c>continue</c>; a node none of whose
    /// children match is itself the match. Empty when this node does not match.
    /// </summary>
    public IReadOnlyList<Route> Match(LabelSet labels)
    {
        if (!Matches(labels))
        {
            return [];
        }
        var all = new List<Route>(1);
        foreach (var child in Routes)
        {
            var found = child.Match(labels);
            all.AddRange(found);
            if (found.Count > 0 && !child.Config.Continue)
            {
                break;
            }
        }
        if (all.Count == 0)
        {
            all.Add(this);
        }
        return all;
    }

    /// <summary>Whether this node's own matchers accept the labels.</summary>
    public bool Matches(LabelSet labels)
    {
        foreach (var matcher in Matchers)
        {
            if (!matcher.Matches(labels))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Visits this node and then its subtree, depth-first.</summary>
    public void Walk(Action<Route> visit)
    {
        visit(this);
        foreach (var child in Routes)
        {
            child.Walk(visit);
        }
    }

    /// <summary>The labels of an alert that form its group on this route (<c>group_by</c>; <c>...</c> = all).</summary>
    public LabelSet GroupLabels(LabelSet alertLabels)
    {
        if (Config.GroupByAll)
        {
            return alertLabels;
        }
        if (_groupBy.Count == 0)
        {
            return LabelSet.Empty;
        }
        var kept = new List<Label>(_groupBy.Count);
        foreach (var label in alertLabels.AsSpan())
        {
            if (_groupBy.Contains(label.Name))
            {
                kept.Add(label);
            }
        }
        return kept.Count == alertLabels.Count ? alertLabels : LabelSet.FromSorted([.. kept]);
    }

    /// <summary>Alertmanager's group key for a group of this route: <c>routeKey:groupLabels</c>.</summary>
    public string GroupKey(LabelSet groupLabels) => Key + ":" + GoOrder.LabelSetString(groupLabels);

    /// <inheritdoc />
    public override string ToString() => Id;

    /// <summary>
    /// Renders matchers as Alertmanager 0.25 does in route keys: <c>{name="value",...}</c>, names bare,
    /// values escaped the OpenMetrics way (only backslash, newline and double quote).
    /// </summary>
    public static string RenderMatchers(IEnumerable<Matcher> matchers)
    {
        var sb = new StringBuilder("{");
        var first = true;
        foreach (var m in matchers)
        {
            if (!first)
            {
                sb.Append(',');
            }
            first = false;
            sb.Append(m.Name).Append(m.Type.Symbol()).Append('"');
            AppendEscaped(sb, m.Value);
            sb.Append('"');
        }
        return sb.Append('}').ToString();
    }

    private static void AppendEscaped(StringBuilder sb, string value)
    {
        foreach (var c in value)
        {
            _ = c switch
            {
                '\\' => sb.Append(@"\\"),
                '\n' => sb.Append(@"\n"),
                '"' => sb.Append("\\\""),
                _ => sb.Append(c),
            };
        }
    }

    /// <summary>Alertmanager's matcher order: by name, then value, then operator.</summary>
    private sealed class MatcherOrder : IComparer<Matcher>
    {
        public static readonly MatcherOrder Instance = new();

        public int Compare(Matcher? x, Matcher? y)
        {
            var c = GoOrder.Compare(x!.Name, y!.Name);
            if (c == 0)
            {
                c = GoOrder.Compare(x.Value, y.Value);
            }
            return c != 0 ? c : x.Type.CompareTo(y.Type);
        }
    }
}
