using YamlDotNet.RepresentationModel;

namespace Vigil.Rules.UnitTesting;

/// <summary>
/// For <c>--ignore-unknown-fields</c>: drops keys a rule file may not have (e.g. an ownership field some teams
/// add), so the strict loader accepts the rest. Line numbers in later errors may shift; only then is it used.
/// </summary>
internal static class UnknownFieldStripper
{
    private static readonly string[] FileKeys = ["groups"];
    private static readonly string[] GroupKeys = ["name", "interval", "query_offset", "limit", "rules", "labels"];
    private static readonly string[] RuleKeys = ["record", "alert", "expr", "for", "keep_firing_for", "labels", "annotations"];

    public static string Strip(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        foreach (var doc in stream.Documents)
        {
            if (doc.RootNode is not YamlMappingNode root)
            {
                continue;
            }
            Keep(root, FileKeys);
            foreach (var group in Items(root, "groups"))
            {
                Keep(group, GroupKeys);
                foreach (var rule in Items(group, "rules"))
                {
                    Keep(rule, RuleKeys);
                }
            }
        }
        var writer = new StringWriter();
        stream.Save(writer, assignAnchors: false);
        return writer.ToString();
    }

    private static IEnumerable<YamlMappingNode> Items(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var node) && node is YamlSequenceNode seq
            ? seq.Children.OfType<YamlMappingNode>()
            : [];

    private static void Keep(YamlMappingNode map, string[] keys)
    {
        foreach (var key in map.Children.Keys.ToList())
        {
            if (key is YamlScalarNode { Value: { } name } && !keys.Contains(name))
            {
                map.Children.Remove(key);
            }
        }
    }
}
