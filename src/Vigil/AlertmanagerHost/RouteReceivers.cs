using Vigil.Alertmanager.Config;
using Vigil.Model.Labels;

namespace Vigil.AlertmanagerHost;

/// <summary>
/// TEMPORARY stand-in until <c>Dispatch/Route</c> lands: which receivers a label set is routed
/// to. Depth-first; the deepest matching routes win; <c>continue</c> lets siblings match too;
/// the root always matches.
/// </summary>
public static class RouteReceivers
{
    /// <summary>The receivers for <paramref name="labels"/>, in route order, without duplicates.</summary>
    public static IReadOnlyList<string> For(RouteConfig root, LabelSet labels)
    {
        var result = new List<string>();
        Match(root, labels, result);
        return result.Distinct(StringComparer.Ordinal).ToList();
    }

    private static bool Match(RouteConfig route, LabelSet labels, List<string> result)
    {
        if (!route.Matchers.All(m => m.Matches(labels)))
        {
            return false;
        }
        var matchedChild = false;
        foreach (var child in route.Routes)
        {
            if (Match(child, labels, result))
            {
                matchedChild = true;
                if (!child.Continue)
                {
                    break;
                }
            }
        }
        if (!matchedChild)
        {
            result.Add(route.Receiver);
        }
        return true;
    }
}
