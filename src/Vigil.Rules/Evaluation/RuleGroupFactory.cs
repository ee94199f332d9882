using Vigil.Rules.RuleFiles;

namespace Vigil.Rules.Evaluation;

/// <summary>Builds runnable groups from loaded rule files.</summary>
public static class RuleGroupFactory
{
    /// <summary>
    /// The options for <paramref name="group"/> of <paramref name="file"/>: its own interval and offset, or the
    /// global ones; group labels merged under each rule's own labels.
    /// </summary>
    public static RuleGroupOptions Options(RuleGroupConfig group, string file, TimeSpan globalInterval, TimeSpan globalQueryOffset) => new()
    {
        Name = group.Name,
        File = file,
        Interval = group.Interval ?? globalInterval,
        QueryOffset = group.QueryOffset ?? globalQueryOffset,
        Limit = group.Limit,
        Rules = group.Rules.Select(r => Rule(r, group.Labels)).ToList(),
    };

    /// <summary>One rule; its labels win over the group's.</summary>
    public static IRule Rule(RuleConfig rule, IReadOnlyDictionary<string, string> groupLabels)
    {
        var labels = new Dictionary<string, string>(groupLabels, StringComparer.Ordinal);
        foreach (var (name, value) in rule.Labels)
        {
            labels[name] = value;
        }
        if (rule.Record is { } record)
        {
            return new RecordingRule(record, rule.Expr, labels);
        }
        return new AlertingRule(rule.Name, rule.Expr, rule.For, rule.KeepFiringFor, labels, rule.Annotations);
    }
}
