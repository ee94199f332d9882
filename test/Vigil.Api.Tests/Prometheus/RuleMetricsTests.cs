using Microsoft.Extensions.Time.Testing;
using Vigil.Api.Metrics;
using Vigil.Model.Labels;
using Vigil.PromQL.Engine;
using Vigil.PrometheusHost;
using Vigil.Rules.Evaluation;
using Vigil.Storage.Memory;

namespace Vigil.Api.Tests.Prometheus;

public sealed class RuleMetricsTests
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);

    private static RuleGroup Group(string name)
    {
        var up = new VectorSample(LabelSet.Of("instance", "a:1"), T0.ToUnixTimeMilliseconds(), 1);
        var options = new RuleGroupOptions
        {
            Name = name,
            File = "/etc/rules.yml",
            Interval = TimeSpan.FromSeconds(15),
            Rules =
            [
                new RecordingRule("job:up", "up", new Dictionary<string, string>()),
                new RecordingRule("broken", "broken", new Dictionary<string, string>()),
            ],
        };
        var context = new RuleContext { Query = (q, _) => q == "broken" ? throw new QueryException("boom") : [up] };
        return new RuleGroup(options, new MemoryStorage(), context, null);
    }

    private static string Render(RuleMetrics metrics)
    {
        using var exporter = new PrometheusExporter(m => m == metrics.Meter);
        return exporter.Render();
    }

    [Theory]
    [InlineData("prometheus_rule_evaluations_total{rule_group=\"/etc/rules.yml;g\"} 2")]
    [InlineData("prometheus_rule_evaluation_failures_total{rule_group=\"/etc/rules.yml;g\"} 1")]
    [InlineData("prometheus_rule_group_iterations_total{rule_group=\"/etc/rules.yml;g\"} 1")]
    [InlineData("prometheus_rule_group_iterations_missed_total{rule_group=\"/etc/rules.yml;g\"} 0")]
    [InlineData("prometheus_rule_group_interval_seconds{rule_group=\"/etc/rules.yml;g\"} 15")]
    [InlineData("prometheus_rule_group_rules{rule_group=\"/etc/rules.yml;g\"} 2")]
    [InlineData("prometheus_rule_group_last_evaluation_samples{rule_group=\"/etc/rules.yml;g\"} 1")]
    [InlineData("prometheus_rule_group_last_evaluation_timestamp_seconds{rule_group=\"/etc/rules.yml;g\"} 1700000000")]
    [InlineData("prometheus_rule_group_last_duration_seconds{rule_group=\"/etc/rules.yml;g\"} 0")]
    public void Render_EvaluatedGroup_UpstreamNamesAndGroupKey(string expectedLine)
    {
        var group = Group("g");
        group.Evaluate(T0, new FakeTimeProvider(T0));
        using var metrics = new RuleMetrics(() => [group]);
        Assert.Contains(expectedLine + "\n", Render(metrics), StringComparison.Ordinal);
    }

    [Fact]
    public void Render_GroupNotEvaluatedYet_NoLastEvaluationGauges()
    {
        var group = Group("g");
        using var metrics = new RuleMetrics(() => [group]);
        var text = Render(metrics);
        Assert.Contains("prometheus_rule_group_rules{rule_group=\"/etc/rules.yml;g\"} 2\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("prometheus_rule_group_last_duration_seconds{", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_GroupRemovedByReload_ItsSeriesDisappear()
    {
        IReadOnlyList<RuleGroup> groups = [Group("old")];
        using var metrics = new RuleMetrics(() => groups);
        using var exporter = new PrometheusExporter(m => m == metrics.Meter);
        Assert.Contains("rule_group=\"/etc/rules.yml;old\"", exporter.Render(), StringComparison.Ordinal);
        groups = [Group("new")];
        var text = exporter.Render();
        Assert.DoesNotContain("rule_group=\"/etc/rules.yml;old\"", text, StringComparison.Ordinal);
        Assert.Contains("rule_group=\"/etc/rules.yml;new\"", text, StringComparison.Ordinal);
    }
}
