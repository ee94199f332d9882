using System.Diagnostics.Metrics;
using Vigil.Rules.Evaluation;

namespace Vigil.PrometheusHost;

/// <summary>
/// Upstream's rule-group metrics (<c>prometheus_rule_*</c>, one series per group labelled
/// <c>rule_group="FILE;NAME"</c>) on the <c>Vigil.Rules</c> meter. Every instrument is observed from the groups
/// running at collection time, so a group removed by a reload disappears from <c>/metrics</c> as upstream's does.
/// </summary>
public sealed class RuleMetrics : IDisposable
{
    /// <summary>The meter name the exporter subscribes to.</summary>
    public const string MeterName = "Vigil.Rules";

    private readonly Meter _meter = new(MeterName);
    private readonly Func<IReadOnlyList<RuleGroup>> _groups;

    /// <summary>Publishes the metrics of whatever <paramref name="groups"/> returns at each collection.</summary>
    public RuleMetrics(Func<IReadOnlyList<RuleGroup>> groups)
    {
        _groups = groups;
        _meter.CreateObservableCounter("prometheus_rule_evaluations_total", () => PerGroup(g => g.Stats.Evaluations), description: "The total number of rule evaluations.");
        _meter.CreateObservableCounter("prometheus_rule_evaluation_failures_total", () => PerGroup(g => g.Stats.Failures), description: "The total number of rule evaluation failures.");
        _meter.CreateObservableCounter("prometheus_rule_group_iterations_total", () => PerGroup(g => g.Stats.Iterations), description: "The total number of scheduled rule group evaluations, whether executed or missed.");
        _meter.CreateObservableCounter("prometheus_rule_group_iterations_missed_total", () => PerGroup(g => g.Stats.IterationsMissed), description: "The total number of rule group evaluations missed due to slow rule group evaluation.");
        _meter.CreateObservableGauge("prometheus_rule_group_interval_seconds", () => PerGroup(g => g.Options.Interval.TotalSeconds), description: "The interval of a rule group.");
        _meter.CreateObservableGauge("prometheus_rule_group_rules", () => PerGroup(g => (double)g.Options.Rules.Count), description: "The number of rules.");
        _meter.CreateObservableGauge("prometheus_rule_group_last_evaluation_samples", () => PerGroup(g => (double)g.Stats.LastSamples), description: "The number of samples returned during the last rule group evaluation.");
        // Like upstream, the last-evaluation gauges appear only once a group has been evaluated.
        _meter.CreateObservableGauge("prometheus_rule_group_last_duration_seconds", () => PerEvaluatedGroup(g => g.EvaluationDuration.TotalSeconds), description: "The duration of the last rule group evaluation.");
        _meter.CreateObservableGauge("prometheus_rule_group_last_rule_duration_sum_seconds", () => PerEvaluatedGroup(g => g.Stats.LastRuleDurationSum.TotalSeconds), description: "The sum of time in seconds it took to evaluate each rule in the group regardless of concurrency.");
        _meter.CreateObservableGauge("prometheus_rule_group_last_evaluation_timestamp_seconds", () => PerEvaluatedGroup(g => g.LastEvaluation.ToUnixTimeMilliseconds() / 1000.0), description: "The timestamp of the last rule group evaluation in seconds.");
    }

    /// <summary>This instance's meter (tests listen to it alone).</summary>
    public Meter Meter => _meter;

    /// <summary>Upstream's group key: groups are named per file, so the file is part of the key.</summary>
    public static string GroupKey(RuleGroup group) => group.Options.File + ";" + group.Options.Name;

    /// <inheritdoc />
    public void Dispose() => _meter.Dispose();

    private IEnumerable<Measurement<T>> PerGroup<T>(Func<RuleGroup, T> value) where T : struct =>
        _groups().Select(g => new Measurement<T>(value(g), new KeyValuePair<string, object?>("rule_group", GroupKey(g))));

    private IEnumerable<Measurement<double>> PerEvaluatedGroup(Func<RuleGroup, double> value) =>
        _groups().Where(g => g.LastEvaluation != default).Select(g => new Measurement<double>(value(g), new KeyValuePair<string, object?>("rule_group", GroupKey(g))));
}
