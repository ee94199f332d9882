using System.Globalization;
using Vigil.Model.Time;
using YamlDotNet.RepresentationModel;

namespace Vigil.Rules.UnitTesting;

/// <summary>A rule unit-test file in promtool's format.</summary>
internal sealed record UnitTestFile(
    List<string> RuleFiles, TimeSpan EvaluationInterval, List<string> GroupEvalOrder, List<TestGroup> Tests, bool FuzzyCompare);

/// <summary>One entry of <c>tests</c>.</summary>
internal sealed record TestGroup(
    TimeSpan Interval, List<(string Series, string Values)> InputSeries, List<AlertTest> AlertTests, List<PromqlTest> PromqlTests,
    Dictionary<string, string> ExternalLabels, string ExternalUrl, string Name, DateTimeOffset Start);

/// <summary>One <c>alert_rule_test</c> item.</summary>
internal sealed record AlertTest(TimeSpan EvalTime, string AlertName, List<(Dictionary<string, string> Labels, Dictionary<string, string> Annotations)> Expected);

/// <summary>One <c>promql_expr_test</c> item.</summary>
internal sealed record PromqlTest(string Expr, TimeSpan EvalTime, List<(string Labels, double Value, string Histogram)> Expected);

/// <summary>Reads unit-test files strictly: an unknown key is an error naming it and its line.</summary>
internal static class UnitTestFileReader
{
    public static UnitTestFile Read(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            return new UnitTestFile([], TimeSpan.Zero, [], [], false);
        }
        Known(root, "main.unitTestFile", "rule_files", "evaluation_interval", "group_eval_order", "tests", "fuzzy_compare");
        return new UnitTestFile(
            Strings(Get(root, "rule_files")),
            Duration(Get(root, "evaluation_interval")),
            Strings(Get(root, "group_eval_order")),
            Items(Get(root, "tests")).Select(ReadGroup).ToList(),
            Scalar(Get(root, "fuzzy_compare")) is "true" or "True");
    }

    private static TestGroup ReadGroup(YamlMappingNode node)
    {
        Known(node, "main.testGroup", "interval", "input_series", "alert_rule_test", "promql_expr_test", "external_labels", "external_url", "name", "start_timestamp");
        var series = Items(Get(node, "input_series")).Select(s =>
        {
            Known(s, "main.series", "series", "values");
            return (Scalar(Get(s, "series")) ?? "", Scalar(Get(s, "values")) ?? "");
        }).ToList();
        var alerts = Items(Get(node, "alert_rule_test")).Select(a =>
        {
            Known(a, "main.alertTestCase", "eval_time", "alertname", "exp_alerts");
            var expected = Items(Get(a, "exp_alerts")).Select(e =>
            {
                Known(e, "main.alert", "exp_labels", "exp_annotations");
                return (Map(Get(e, "exp_labels")), Map(Get(e, "exp_annotations")));
            }).ToList();
            return new AlertTest(Duration(Get(a, "eval_time")), Scalar(Get(a, "alertname")) ?? "", expected);
        }).ToList();
        var promql = Items(Get(node, "promql_expr_test")).Select(p =>
        {
            Known(p, "main.promqlTestCase", "expr", "eval_time", "exp_samples");
            var expected = Items(Get(p, "exp_samples")).Select(s =>
            {
                Known(s, "main.sample", "labels", "value", "histogram");
                return (Scalar(Get(s, "labels")) ?? "", Float(Get(s, "value")), Scalar(Get(s, "histogram")) ?? "");
            }).ToList();
            return new PromqlTest(Scalar(Get(p, "expr")) ?? "", Duration(Get(p, "eval_time")), expected);
        }).ToList();
        return new TestGroup(Duration(Get(node, "interval")), series, alerts, promql, Map(Get(node, "external_labels")),
            Scalar(Get(node, "external_url")) ?? "", Scalar(Get(node, "name")) ?? "", StartTime(Get(node, "start_timestamp")));
    }

    private static void Known(YamlMappingNode node, string type, params string[] keys)
    {
        foreach (var key in node.Children.Keys)
        {
            if (key is YamlScalarNode { Value: { } name } && !keys.Contains(name))
            {
                throw new FormatException($"yaml: unmarshal errors:\n  line {key.Start.Line}: field {name} not found in type {type}");
            }
        }
    }

    private static YamlNode? Get(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    private static string? Scalar(YamlNode? node) => node is YamlScalarNode s && s.Value is { Length: > 0 } v && v != "~" && v != "null" ? v : null;

    private static List<string> Strings(YamlNode? node) =>
        node is YamlSequenceNode seq ? seq.Children.Select(c => Scalar(c) ?? "").ToList() : [];

    private static IEnumerable<YamlMappingNode> Items(YamlNode? node) =>
        node is YamlSequenceNode seq ? seq.Children.OfType<YamlMappingNode>() : [];

    private static Dictionary<string, string> Map(YamlNode? node) => node is YamlMappingNode map
        ? map.Children.ToDictionary(kv => Scalar(kv.Key) ?? "", kv => (kv.Value as YamlScalarNode)?.Value ?? "", StringComparer.Ordinal)
        : new Dictionary<string, string>(StringComparer.Ordinal);

    private static TimeSpan Duration(YamlNode? node) => Scalar(node) is { } text
        ? (text == "0" ? TimeSpan.Zero : PromDuration.Parse(text))
        : TimeSpan.Zero;

    private static double Float(YamlNode? node) => Scalar(node) is { } text
        ? Vigil.PromQL.Testing.SeriesDescription.ParseValue(text)
        : 0;

    /// <summary>RFC 3339, or Unix seconds (fractions allowed), as promtool accepts.</summary>
    private static DateTimeOffset StartTime(YamlNode? node)
    {
        if (Scalar(node) is not { } text)
        {
            return DateTimeOffset.UnixEpoch;
        }
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
        {
            return DateTimeOffset.UnixEpoch.AddTicks((long)(seconds * TimeSpan.TicksPerSecond));
        }
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
        {
            return time.ToUniversalTime();
        }
        throw new FormatException($"cannot parse {Vigil.Model.GoString.Quote(text)} to a valid timestamp");
    }
}
