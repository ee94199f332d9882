using Vigil.Model.Labels;
using Vigil.Rules.Evaluation;

namespace Vigil.Rules.Tests.Evaluation;

public sealed class AlertingRuleTests
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);
    private static readonly Dictionary<string, string> NoLabels = [];

    private static AlertingRule Rule(string expr, TimeSpan hold, TimeSpan keep = default,
        Dictionary<string, string>? labels = null, Dictionary<string, string>? annotations = null) =>
        new("Down", expr, hold, keep, labels ?? NoLabels, annotations ?? NoLabels);

    [Theory]
    [InlineData(0, AlertState.Pending)]
    [InlineData(4, AlertState.Pending)]
    [InlineData(5, AlertState.Firing)]
    [InlineData(9, AlertState.Firing)]
    public void Eval_ConditionHolds_PendingUntilForThenFiring(int minute, AlertState expected)
    {
        var bed = new RuleTestBed();
        bed.Series("up", "a", 0, 0, 20);
        var rule = Rule("up == 0", TimeSpan.FromMinutes(5));
        var group = bed.Group(Minute, rule);
        for (var m = 0; m <= minute; m++)
        {
            group.Evaluate(RuleTestBed.At(m), bed.Time);
        }
        var alert = Assert.Single(rule.ActiveAlerts);
        Assert.Equal(expected, alert.State);
        Assert.Equal(RuleTestBed.At(0), alert.ActiveAt);
        Assert.Equal(LabelSet.Of("alertname", "Down", "job", "a"), alert.Labels);
        var alerts = LabelSet.Of("__name__", "ALERTS", "alertname", "Down", "alertstate", Alert.StateName(expected), "job", "a");
        Assert.Equal(1, bed.Latest(alerts, RuleTestBed.At(minute))?.Value);
        var forState = LabelSet.Of("__name__", "ALERTS_FOR_STATE", "alertname", "Down", "job", "a");
        Assert.Equal(RuleTestBed.At(0).ToUnixTimeSeconds(), bed.Latest(forState, RuleTestBed.At(minute))?.Value);
    }

    [Fact]
    public void Eval_ConditionClears_ResolvedKeptAndAlertsSeriesMarkedStale()
    {
        var bed = new RuleTestBed();
        bed.Series("up", "a", 0, 0, 3);
        bed.Series("up", "a", 1, 3, 30);
        var rule = Rule("up == 0", TimeSpan.Zero);
        var group = bed.Group(Minute, rule);
        for (var m = 0; m <= 3; m++)
        {
            group.Evaluate(RuleTestBed.At(m), bed.Time);
        }
        var alert = Assert.Single(rule.ActiveAlerts);
        Assert.Equal(AlertState.Inactive, alert.State);
        Assert.Equal(RuleTestBed.At(3), alert.ResolvedAt);
        var firing = LabelSet.Of("__name__", "ALERTS", "alertname", "Down", "alertstate", "firing", "job", "a");
        Assert.True(bed.Latest(firing, RuleTestBed.At(3))?.IsStale);
    }

    [Theory]
    [InlineData(15, 1)]
    [InlineData(16, 1)]
    [InlineData(17, 0)]
    public void Eval_ResolvedAlert_DroppedAfterFifteenMinutes(int lastMinute, int expectedCount)
    {
        var bed = new RuleTestBed();
        bed.Series("up", "a", 0, 0, 1);
        bed.Series("up", "a", 1, 1, 40);
        var rule = Rule("up == 0", TimeSpan.Zero);
        var group = bed.Group(Minute, rule);
        for (var m = 0; m <= lastMinute; m++)
        {
            group.Evaluate(RuleTestBed.At(m), bed.Time);
        }
        Assert.Equal(expectedCount, rule.ActiveAlerts.Count);
    }

    [Theory]
    [InlineData(3, AlertState.Firing)]
    [InlineData(5, AlertState.Firing)]
    [InlineData(6, AlertState.Inactive)]
    public void Eval_KeepFiringFor_FiresOnAfterConditionClears(int minute, AlertState expected)
    {
        var bed = new RuleTestBed();
        bed.Series("up", "a", 0, 0, 3);
        bed.Series("up", "a", 1, 3, 30);
        var rule = Rule("up == 0", TimeSpan.Zero, keep: TimeSpan.FromMinutes(3));
        var group = bed.Group(Minute, rule);
        for (var m = 0; m <= minute; m++)
        {
            group.Evaluate(RuleTestBed.At(m), bed.Time);
        }
        Assert.Equal(expected, Assert.Single(rule.ActiveAlerts).State);
    }

    [Fact]
    public void Eval_Templates_ExpandLabelsValueAndExternalLabels()
    {
        var bed = new RuleTestBed();
        bed.Series("up", "a", 0, 0, 5);
        var rule = Rule("up == 0", TimeSpan.Zero,
            labels: new() { ["severity"] = "{{ if eq $value 0.0 }}page{{ end }}" },
            annotations: new() { ["summary"] = "{{ $labels.job }} down in {{ $externalLabels.cluster }} ({{ $value }})" });
        bed.Group(Minute, rule).Evaluate(RuleTestBed.At(1), bed.Time);
        var alert = Assert.Single(rule.ActiveAlerts);
        Assert.Equal("page", alert.Labels.Get("severity"));
        Assert.Equal("a down in eu1 (0)", alert.Annotations.Get("summary"));
    }

    [Fact]
    public void Eval_TemplateFails_TextIsUpstreamsErrorMessage()
    {
        var bed = new RuleTestBed();
        bed.Series("up", "a", 0, 0, 5);
        var rule = Rule("up == 0", TimeSpan.Zero, annotations: new() { ["summary"] = "{{ humanize \"x\" }}" });
        bed.Group(Minute, rule).Evaluate(RuleTestBed.At(1), bed.Time);
        var summary = Assert.Single(rule.ActiveAlerts).Annotations.Get("summary");
        Assert.StartsWith("<error expanding template: error executing template __alert_Down: template: __alert_Down:1:", summary);
    }

    [Fact]
    public void Eval_MoreAlertsThanLimit_FailsAndClearsAlerts()
    {
        var bed = new RuleTestBed();
        bed.Series("up", "a", 0, 0, 5);
        bed.Series("up", "b", 0, 0, 5);
        var rule = Rule("up == 0", TimeSpan.Zero);
        bed.Group(Minute, 1, rule).Evaluate(RuleTestBed.At(1), bed.Time);
        Assert.Empty(rule.ActiveAlerts);
        Assert.Equal(RuleHealth.Err, rule.Health.Health);
        Assert.Equal("exceeded limit of 1 with 2 alerts", rule.Health.LastError);
    }

    [Fact]
    public void Eval_LabelsCollideAfterTemplating_FailsWithUpstreamsError()
    {
        var bed = new RuleTestBed();
        bed.Series("up", "a", 0, 0, 5);
        bed.Series("up", "b", 0, 0, 5);
        var rule = Rule("up == 0", TimeSpan.Zero, labels: new() { ["job"] = "same" });
        bed.Group(Minute, rule).Evaluate(RuleTestBed.At(1), bed.Time);
        Assert.Equal("vector contains metrics with the same labelset after applying alert labels", rule.Health.LastError);
    }

    [Fact]
    public void Eval_Firing_SentWithEndsAtFourIntervalsAheadAndResentAfterDelay()
    {
        var bed = new RuleTestBed();
        bed.Series("up", "a", 0, 0, 4);
        bed.Series("up", "a", 1, 4, 10);
        var rule = Rule("up == 0", TimeSpan.FromMinutes(1));
        var group = bed.Group(TimeSpan.FromSeconds(30), rule);
        group.Evaluate(RuleTestBed.At(0), bed.Time);
        Assert.Empty(bed.Sent);
        group.Evaluate(RuleTestBed.At(1), bed.Time);
        var first = Assert.Single(bed.Sent);
        Assert.Equal(RuleTestBed.At(1), first.StartsAt);
        Assert.Equal(RuleTestBed.At(5), first.EndsAt);
        Assert.Equal("http://prom:9090/graph?g0.expr=up+%3D%3D+0&g0.tab=1", first.GeneratorUrl);
        group.Evaluate(RuleTestBed.At(1).AddSeconds(30), bed.Time);
        group.Evaluate(RuleTestBed.At(2), bed.Time);
        Assert.Single(bed.Sent);
        group.Evaluate(RuleTestBed.At(2).AddSeconds(30), bed.Time);
        Assert.Equal(2, bed.Sent.Count);
        group.Evaluate(RuleTestBed.At(4), bed.Time);
        var resolved = bed.Sent[^1];
        Assert.Equal(RuleTestBed.At(4), resolved.EndsAt);
    }

    [Theory]
    [InlineData("up==0", "up+%3D%3D+0")]
    [InlineData("up\n  <   1e6\n", "up+%3C+1000000")]
    [InlineData("sum by(job)(up)==0", "sum+by+%28job%29+%28up%29+%3D%3D+0")]
    public void Eval_ExprWrittenLoosely_GeneratorUrlLinksPrintedExpression(string expr, string escaped)
    {
        var bed = new RuleTestBed();
        bed.Series("up", "a", 0, 0, 4);
        var rule = Rule(expr, TimeSpan.Zero);
        bed.Group(Minute, rule).Evaluate(RuleTestBed.At(1), bed.Time);
        var sent = Assert.Single(bed.Sent);
        Assert.Equal($"http://prom:9090/graph?g0.expr={escaped}&g0.tab=1", sent.GeneratorUrl);
    }

    [Fact]
    public void Eval_NotRestored_WritesNoAlertsSeries()
    {
        var bed = new RuleTestBed();
        bed.Series("up", "a", 0, 0, 5);
        var rule = Rule("up == 0", TimeSpan.Zero);
        rule.Restored = false;
        bed.Group(Minute, rule).Evaluate(RuleTestBed.At(1), bed.Time);
        Assert.Empty(bed.Storage.Select(0, long.MaxValue, [new Matcher(MatcherType.Equal, "__name__", "ALERTS")]));
    }
}
