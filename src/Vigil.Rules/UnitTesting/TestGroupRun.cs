using Vigil.Model.Labels;
using Vigil.PromQL.Engine;
using Vigil.PromQL.Testing;
using Vigil.Rules.Evaluation;
using Vigil.Storage;
using Vigil.Storage.Memory;

namespace Vigil.Rules.UnitTesting;

/// <summary>One test group of a unit-test file, run against its own memory storage.</summary>
internal sealed class TestGroupRun(TestGroup test, TimeSpan evalInterval, Dictionary<string, int> order, bool fuzzy, bool ignoreUnknownFields, EngineOptions engine)
{
    private readonly MemoryStorage _storage = new();
    private readonly List<string> _errors = [];

    public List<string> Run(List<string> ruleFiles)
    {
        if (!LoadSeries())
        {
            return _errors;
        }
        var context = UnitTestRunner.Context(_storage, test, engine);
        if (LoadGroups(ruleFiles, context) is not { } groups)
        {
            return _errors;
        }
        foreach (var alert in test.AlertTests.Where(a => a.AlertName.Length == 0))
        {
            var inGroup = test.Name.Length > 0 ? $" (in TestGroup {test.Name})" : "";
            return [$"an item under alert_rule_test misses required attribute alertname at eval_time {Vigil.Model.Time.PromDuration.Format(alert.EvalTime)}{inGroup}"];
        }
        if (!Evaluate(groups))
        {
            return _errors;
        }
        foreach (var promql in test.PromqlTests)
        {
            CheckPromql(promql, context);
        }
        return _errors;
    }

    private bool LoadSeries()
    {
        var appender = _storage.Appender();
        foreach (var (series, values) in test.InputSeries)
        {
            try
            {
                var (labels, samples) = SeriesDescription.Parse(series + " " + values);
                for (var i = 0; i < samples.Count; i++)
                {
                    var at = (test.Start + test.Interval * i).ToUnixTimeMilliseconds();
                    if (samples[i].Unsupported is { } reason)
                    {
                        throw new FormatException(reason);
                    }
                    if (samples[i].Histogram is { } histogram)
                    {
                        appender.AppendHistogram(labels, at, histogram);
                    }
                    else if (!samples[i].Omitted)
                    {
                        appender.Append(labels, at, samples[i].Value);
                    }
                }
            }
            catch (Exception e) when (e is FormatException or Vigil.PromQL.Parser.ParseException or OverflowException)
            {
                _errors.Add($"error in input series {Vigil.Model.GoString.Quote(series)}: {e.Message}");
                return false;
            }
        }
        appender.Commit();
        return true;
    }

    private List<RuleGroup>? LoadGroups(List<string> ruleFiles, RuleContext context)
    {
        var loaded = new List<(int Order, int Index, RuleGroup Group)>();
        foreach (var path in ruleFiles)
        {
            var result = UnitTestRunner.LoadRuleFile(path, ignoreUnknownFields, engine.Parser);
            if (!result.Ok)
            {
                _errors.AddRange(result.Errors.Select(e => e.ToString()));
                continue;
            }
            foreach (var config in result.File!.Groups)
            {
                var options = RuleGroupFactory.Options(config, path, test.Interval, TimeSpan.Zero);
                var group = new RuleGroup(options, _storage, context, notify: null);
                loaded.Add((order.GetValueOrDefault(config.Name), loaded.Count, group));
            }
        }
        return _errors.Count > 0 ? null : loaded.OrderBy(g => g.Order).ThenBy(g => g.Index).Select(g => g.Group).ToList();
    }

    /// <summary>Evaluates every group at each step and checks alert tests falling in each step; false on a rule error.</summary>
    private bool Evaluate(List<RuleGroup> groups)
    {
        var maxEval = test.AlertTests.Select(a => a.EvalTime).Concat(test.PromqlTests.Select(p => p.EvalTime)).DefaultIfEmpty().Max();
        var alertTimes = test.AlertTests.Select(a => a.EvalTime).Distinct().Order().ToList();
        var next = 0;
        for (var offset = TimeSpan.Zero; offset <= maxEval; offset += evalInterval)
        {
            var ts = test.Start + offset;
            var evalErrors = new List<string>();
            foreach (var group in groups)
            {
                group.Evaluate(ts, TimeProvider.System);
                foreach (var rule in group.Options.Rules.Where(r => r.Health.LastError is not null))
                {
                    evalErrors.Add($"    rule: {rule.Name}, time: {Vigil.Model.Time.GoDurationText.Format(ts - DateTimeOffset.UnixEpoch)}, err: {rule.Health.LastError}");
                }
            }
            if (evalErrors.Count > 0)
            {
                _errors.AddRange(evalErrors);
                return false;
            }
            while (next < alertTimes.Count && offset <= alertTimes[next] && alertTimes[next] < offset + evalInterval)
            {
                CheckAlerts(alertTimes[next], groups);
                next++;
            }
        }
        return true;
    }

    private void CheckAlerts(TimeSpan at, List<RuleGroup> groups)
    {
        foreach (var alertTest in test.AlertTests.Where(a => a.EvalTime == at))
        {
            var got = groups.SelectMany(g => g.Options.Rules).OfType<AlertingRule>().Where(r => r.Name == alertTest.AlertName)
                .SelectMany(r => r.ActiveAlerts).Where(a => a.State == AlertState.Firing)
                .Select(a => new AlertView(a.Labels, a.Annotations)).ToList();
            var expected = alertTest.Expected.Select(e => new AlertView(
                LabelSet.From(e.Labels).With("alertname", alertTest.AlertName), LabelSet.From(e.Annotations))).ToList();
            got.Sort();
            expected.Sort();
            if (!got.SequenceEqual(expected))
            {
                var name = test.Name.Length > 0 ? $"    name: {test.Name},\n" : "";
                _errors.Add($"{name}    alertname: {alertTest.AlertName}, time: {Vigil.Model.Time.PromDuration.Format(at)}, \n" +
                    $"        exp:{Indent(AlertView.Render(expected), "            ")}, \n        got:{Indent(AlertView.Render(got), "            ")}");
            }
        }
    }

    private void CheckPromql(PromqlTest promql, RuleContext context)
    {
        var time = Vigil.Model.Time.PromDuration.Format(promql.EvalTime);
        IReadOnlyList<VectorSample> got;
        try
        {
            got = context.Query(promql.Expr, (test.Start + promql.EvalTime).ToUnixTimeMilliseconds());
        }
        catch (Exception e) when (e is QueryException or Vigil.PromQL.Parser.ParseException)
        {
            _errors.Add($"    expr: {Vigil.Model.GoString.Quote(promql.Expr)}, time: {time}, err: {e.Message}");
            return;
        }
        var expected = new List<ComparedSample>();
        foreach (var (labels, value, histogram) in promql.Expected)
        {
            try
            {
                var parsed = labels.Trim().Length == 0 ? LabelSet.Empty : SeriesDescription.ParseLabels(labels);
                expected.Add(new ComparedSample(parsed, value, histogram.Length > 0 ? ExpectedHistogram(histogram) : ""));
            }
            catch (Exception e) when (e is FormatException or Vigil.PromQL.Parser.ParseException or OverflowException)
            {
                _errors.Add($"    expr: {Vigil.Model.GoString.Quote(promql.Expr)}, time: {time}, err: labels {Vigil.Model.GoString.Quote(labels)}: {e.Message}");
                return;
            }
        }
        // A histogram sample compares as its text (hint included), its float value as 0, as promtool does.
        var gotSorted = got.Select(s => new ComparedSample(s.Metric, s.Value, s.Histogram is { } h ? HistogramText.Format(h) : ""))
            .OrderBy(s => s.Labels, LabelSetComparer.Instance).ToList();
        expected = expected.OrderBy(s => s.Labels, LabelSetComparer.Instance).ToList();
        var same = gotSorted.Count == expected.Count && gotSorted.Zip(expected).All(p =>
            p.First.Labels.Equals(p.Second.Labels) && ValuesEqual(p.Second.Value, p.First.Value) && p.First.Histogram == p.Second.Histogram);
        if (!same)
        {
            _errors.Add($"    expr: {Vigil.Model.GoString.Quote(promql.Expr)}, time: {time},\n        exp: {Render(expected)}\n        got: {Render(gotSorted)}");
        }
    }

    // An expected histogram is written in the series notation and must be exactly one histogram.
    private static string ExpectedHistogram(string text)
    {
        var (_, values) = SeriesDescription.Parse("{} " + text);
        return values.Count != 1 ? throw new FormatException($"expected 1 value, got {values.Count}")
            : values[0].Unsupported is { } reason ? throw new FormatException(reason)
            : values[0].Histogram is { } h ? HistogramText.Format(h)
            : throw new FormatException($"expected histogram, got {GoFormat.FloatE(values[0].Value)}");
    }

    /// <summary>Exact, or within one floating-point step either way under <c>fuzzy_compare</c>, as promtool compares.</summary>
    private bool ValuesEqual(double expected, double got) =>
        expected == got || (fuzzy && (Math.BitDecrement(expected) == got || Math.BitIncrement(expected) == got));

    private static string Render(List<ComparedSample> samples) =>
        samples.Count == 0 ? "nil" : string.Join(", ", samples.Select(s => s.Labels + " " + (s.Histogram.Length > 0 ? s.Histogram : GoFormat.FloatE(s.Value))));

    internal static string Indent(string text, string indent) => text.Replace("\n", "\n" + indent, StringComparison.Ordinal);
}

/// <summary>A sample as promql_expr_test compares it: labels, float value, and a histogram's text (empty for floats).</summary>
internal readonly record struct ComparedSample(LabelSet Labels, double Value, string Histogram);

/// <summary>An alert as rule tests compare it: labels and annotations.</summary>
internal sealed record AlertView(LabelSet Labels, LabelSet Annotations) : IComparable<AlertView>
{
    public int CompareTo(AlertView? other)
    {
        if (other is null)
        {
            return 1;
        }
        var byLabels = LabelSetComparer.Instance.Compare(Labels, other.Labels);
        return byLabels != 0 ? byLabels : LabelSetComparer.Instance.Compare(Annotations, other.Annotations);
    }

    /// <summary>promtool's listing: <c>[\n0:\n  Labels:{...}\n  Annotations:{...}\n]</c>, or <c>[]</c>.</summary>
    public static string Render(List<AlertView> alerts)
    {
        if (alerts.Count == 0)
        {
            return "[]";
        }
        var parts = alerts.Select((a, i) => $"{i}:" + TestGroupRun.Indent($"\nLabels:{a.Labels}\nAnnotations:{a.Annotations}", "  "));
        return "[\n" + string.Join(",\n", parts) + "\n]";
    }
}
