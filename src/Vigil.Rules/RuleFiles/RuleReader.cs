using Vigil.Config;
using Vigil.Config.Loading;
using Vigil.Model;
using Vigil.Model.Labels;
using Vigil.PromQL.Parser;
using YamlDotNet.RepresentationModel;

namespace Vigil.Rules.RuleFiles;

/// <summary>Reads one rule: exactly one of alert/record, a PromQL expression that parses, and valid names and templates.</summary>
internal static class RuleReader
{
    public static RuleConfig? Read(MapReader r, ParserOptions parser)
    {
        var alert = r.String("alert");
        var record = r.String("record");
        CheckKind(r, alert, record);
        var expr = ReadExpr(r, parser);
        var labels = RuleFileReader.ReadLabels(r, "labels");
        var annotations = r.StringMap("annotations") ?? new Dictionary<string, string>();
        if (!string.IsNullOrEmpty(record))
        {
            CheckRecordingRule(r, record);
        }
        else if (!string.IsNullOrEmpty(alert))
        {
            RuleTemplates.Check(r, "labels");
            RuleTemplates.Check(r, "annotations");
        }
        CheckAnnotationNames(r);
        if (expr is null)
        {
            return null;
        }
        return new RuleConfig
        {
            Alert = string.IsNullOrEmpty(alert) ? null : alert,
            Record = string.IsNullOrEmpty(record) ? null : record,
            Expr = expr.Value.Text,
            Expression = expr.Value.Parsed,
            For = r.Duration("for") ?? TimeSpan.Zero,
            KeepFiringFor = r.Duration("keep_firing_for") ?? TimeSpan.Zero,
            Labels = labels,
            Annotations = annotations,
            Position = new SourcePosition((int)r.Node.Start.Line, (int)r.Node.Start.Column),
        };
    }

    private static void CheckKind(MapReader r, string? alert, string? record)
    {
        var hasAlert = !string.IsNullOrEmpty(alert);
        var hasRecord = !string.IsNullOrEmpty(record);
        if (hasAlert && hasRecord)
        {
            r.Context.Error(r.KeyNode("record"), r.PathOf("record"), "only one of 'record' and 'alert' must be set",
                "a rule either records a series (record:) or raises an alert (alert:); split it into two rules");
        }
        else if (!hasAlert && !hasRecord)
        {
            r.Context.Error(r.Node, r.PathPrefix, "one of 'record' or 'alert' must be set",
                "name the rule with alert: <AlertName> for an alerting rule or record: <metric_name> for a recording rule");
        }
    }

    private static (string Text, Expr Parsed)? ReadExpr(MapReader r, ParserOptions parser)
    {
        var text = r.String("expr");
        if (string.IsNullOrWhiteSpace(text))
        {
            r.Context.Error(r.KeyNode("expr"), r.PathOf("expr"), "field 'expr' must be set in rule", "write the PromQL condition, e.g. expr: up == 0");
            return null;
        }
        try
        {
            return (text, PromQLParser.Parse(text, parser));
        }
        catch (ParseException e)
        {
            var node = (YamlScalarNode)r.Value("expr")!;
            var (line, column) = ExprPositions.InFile(node, r.Context, text, e.Position);
            r.Context.Error(line, column, r.PathOf("expr"), $"could not parse expression: {e.WithQuery(text).Message}");
            return null;
        }
    }

    private static void CheckRecordingRule(MapReader r, string record)
    {
        foreach (var key in new[] { "annotations", "for", "keep_firing_for" })
        {
            if (r.Has(key))
            {
                r.Context.Error(r.KeyNode(key), r.PathOf(key), $"invalid field '{key}' in recording rule",
                    "only alerting rules (alert:) have annotations, for and keep_firing_for");
            }
        }
        var node = r.Value("record")!;
        if (record.Contains('{', StringComparison.Ordinal) || record.Contains('}', StringComparison.Ordinal))
        {
            r.Context.Error(node, r.PathOf("record"), $"braces present in the recording rule name; should it be in expr?: {record}",
                "record: is only the new metric name; label matchers belong in expr:, extra labels under labels:");
        }
        else if (!LabelName.IsValid(record))
        {
            r.Context.Error(node, r.PathOf("record"), $"invalid recording rule name: {record}");
        }
    }

    private static void CheckAnnotationNames(MapReader r)
    {
        if (r.Map("annotations", KeySection.AnyKeys) is not { } map)
        {
            return;
        }
        foreach (var (k, _) in map.Node.Children)
        {
            if (k is YamlScalarNode { Value: { } name } && !LabelName.IsValid(name))
            {
                r.Context.Error(k, $"{map.PathPrefix}.{name}", $"invalid annotation name: {GoString.Quote(name)}");
            }
        }
    }
}
