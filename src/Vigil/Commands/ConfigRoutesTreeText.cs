using Vigil.Alertmanager.Dispatch;
using Vigil.Model.Labels;
using Vigil.Model.Time;

namespace Vigil.Commands;

/// <summary>Text forms of routes for <c>vigil config routes</c>: the tree, and one matched route's path and options.</summary>
internal static class RouteTreeText
{
    /// <summary>Writes the tree, one node per line, indented by depth, with a one-character mark chosen per node.</summary>
    public static void Write(TextWriter w, Route root, Func<Route, char> mark) => WriteNode(w, root, 0, mark);

    /// <summary>Writes where <paramref name="route"/> sits in the tree and what the alert would get there.</summary>
    public static void WriteMatch(TextWriter w, Route route, LabelSet labels)
    {
        var path = new List<Route>();
        for (var r = route; r is not null; r = r.Parent)
        {
            path.Insert(0, r);
        }

        var line = route.Config.Position.Line > 0 ? $" (line {route.Config.Position.Line})" : "";
        w.WriteLine($"  {route.Receiver}: route {string.Join(" > ", path.Select(Name))}{line}");
        w.WriteLine($"    group {Route.RenderMatchers(route.GroupLabels(labels).Select(l => new Matcher(MatcherType.Equal, l.Name, l.Value)))} {Options(route)}");
    }

    private static void WriteNode(TextWriter w, Route route, int depth, Func<Route, char> mark)
    {
        w.WriteLine($"{mark(route)} {new string(' ', depth * 2)}{Name(route)}  receiver: {route.Receiver}  {Options(route)}");
        foreach (var child in route.Routes)
        {
            WriteNode(w, child, depth + 1, mark);
        }
    }

    private static string Name(Route route) => route.Parent is null ? "root" : Route.RenderMatchers(route.Matchers);

    private static string Options(Route route)
    {
        var c = route.Config;
        var groupBy = c.GroupByAll ? "..." : string.Join(",", c.GroupBy);
        var text = $"group_by=[{groupBy}] group_wait={PromDuration.Format(c.GroupWait)} group_interval={PromDuration.Format(c.GroupInterval)} repeat_interval={PromDuration.Format(c.RepeatInterval)}";
        if (c.Continue)
        {
            text += " continue=true";
        }

        if (c.MuteTimeIntervals.Count > 0)
        {
            text += $" mute_time_intervals=[{string.Join(",", c.MuteTimeIntervals)}]";
        }

        if (c.ActiveTimeIntervals.Count > 0)
        {
            text += $" active_time_intervals=[{string.Join(",", c.ActiveTimeIntervals)}]";
        }

        return text;
    }
}
