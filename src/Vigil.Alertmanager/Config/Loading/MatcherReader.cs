using Vigil.Model.Labels;
using YamlDotNet.RepresentationModel;

namespace Vigil.Alertmanager.Config.Loading;

/// <summary>Reads the matcher forms shared by routes and inhibit rules: <c>matchers</c> lists and legacy <c>match</c>/<c>match_re</c> maps.</summary>
internal static class MatcherReader
{
    /// <summary>Sorts as Alertmanager does: by name, then value, then operator.</summary>
    public static IReadOnlyList<Matcher> Sorted(IEnumerable<Matcher> matchers) =>
        matchers.OrderBy(m => m.Name, StringComparer.Ordinal).ThenBy(m => m.Value, StringComparer.Ordinal).ThenBy(m => m.Type).ToList();

    /// <summary>Reads all matchers of a node from the three keys (e.g. matchers, match, match_re).</summary>
    public static List<Matcher> ReadAll(MapReader m, string matchersKey, string matchKey, string matchReKey)
    {
        var result = ReadList(m, matchersKey);
        result.AddRange(ReadMap(m, matchKey, MatcherType.Equal));
        result.AddRange(ReadMap(m, matchReKey, MatcherType.Regexp));
        return result;
    }

    /// <summary>A <c>matchers</c> list: each entry is a matcher string such as <c>severity=~"crit|page"</c>, or several separated by commas.</summary>
    public static List<Matcher> ReadList(MapReader m, string key)
    {
        var result = new List<Matcher>();
        if (m.Sequence(key) is not { } seq)
        {
            return result;
        }
        for (var i = 0; i < seq.Children.Count; i++)
        {
            var path = $"{m.PathOf(key)}[{i}]";
            if (seq.Children[i] is not YamlScalarNode { Value: { } text } node)
            {
                m.Context.Error(seq.Children[i], path, $"expected a matcher such as severity=\"critical\", got {YamlValues.Describe(seq.Children[i])}",
                    "a mapping here usually means a missing quote: write - 'severity: critical' as - severity=\"critical\"");
                continue;
            }
            try
            {
                result.AddRange(MatcherParser.ParseList(text));
            }
            catch (FormatException e)
            {
                m.Context.Error(node, path, $"invalid matcher: {e.Message}", "write name=\"value\", name!=\"value\", name=~\"regex\" or name!~\"regex\"");
            }
        }
        return result;
    }

    private static IEnumerable<Matcher> ReadMap(MapReader m, string key, MatcherType type)
    {
        if (m.Map(key, ConfigKeys.Any) is not { } map)
        {
            yield break;
        }
        foreach (var (keyNode, valueNode) in map.Node.Children)
        {
            if (keyNode is not YamlScalarNode { Value: { } name })
            {
                continue;
            }
            var path = map.PathOf(name);
            if (!LabelName.IsClassic(name))
            {
                m.Context.Error(keyNode, path, $"invalid label name {Vigil.Model.GoString.Quote(name)}", "label names in match maps are letters, digits and _, not starting with a digit; use matchers: for other names");
                continue;
            }
            if (map.String(name) is not { } value)
            {
                continue;
            }
            var matcher = Create(m.Context, valueNode, path, type, name, type == MatcherType.Regexp ? Anchored(value) : value);
            if (matcher is not null)
            {
                yield return matcher;
            }
        }
    }

    /// <summary>
    /// Alertmanager's config type compiles a legacy map regex as <c>^(?:v)$</c> and builds the matcher
    /// from that compiled text, so the anchored form is the value: it shows in route keys, group keys
    /// (webhook <c>groupKey</c>, notification log) and must match upstream's byte for byte.
    /// </summary>
    private static string Anchored(string value) => "^(?:" + value + ")$";

    private static Matcher? Create(ParseContext ctx, YamlNode node, string path, MatcherType type, string name, string value)
    {
        try
        {
            return new Matcher(type, name, value);
        }
        catch (FormatException e)
        {
            ctx.Error(node, path, $"invalid regular expression: {e.Message}");
            return null;
        }
    }
}
