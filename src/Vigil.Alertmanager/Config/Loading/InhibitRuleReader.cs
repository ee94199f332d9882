using Vigil.Model;
using Vigil.Model.Labels;

namespace Vigil.Alertmanager.Config.Loading;

/// <summary>Reads <c>inhibit_rules</c>: new-style source/target matchers and the legacy match maps.</summary>
internal static class InhibitRuleReader
{
    public static List<InhibitRuleConfig> ReadAll(MapReader top) =>
        top.MapList("inhibit_rules", ConfigKeys.InhibitRule).Select(Read).ToList();

    private static InhibitRuleConfig Read(MapReader m)
    {
        _ = m.String("name");
        var source = MatcherReader.ReadAll(m, "source_matchers", "source_match", "source_match_re");
        var target = MatcherReader.ReadAll(m, "target_matchers", "target_match", "target_match_re");
        if (source.Count == 0 && target.Count == 0)
        {
            m.Context.Warn(m.Node, m.PathPrefix, "inhibit rule without source or target matchers: every alert inhibits every other alert",
                "add source_matchers: and target_matchers:");
        }
        return new InhibitRuleConfig
        {
            SourceMatchers = MatcherReader.Sorted(source),
            TargetMatchers = MatcherReader.Sorted(target),
            Equal = ReadEqual(m),
            Position = new SourcePosition((int)m.Node.Start.Line, (int)m.Node.Start.Column),
        };
    }

    private static List<string> ReadEqual(MapReader m)
    {
        var names = m.StringList("equal") ?? [];
        var seq = m.Sequence("equal");
        for (var i = 0; i < names.Count; i++)
        {
            if (!LabelName.IsValid(names[i]))
            {
                m.Context.Error(seq!.Children[i], $"{m.PathOf("equal")}[{i}]", $"invalid label name {GoString.Quote(names[i])} in equal list");
            }
        }
        return names.Where(LabelName.IsValid).ToList();
    }
}
