using Vigil.Rules.Evaluation;

namespace Vigil.Rules.Tests.Evaluation;

public sealed class RuleDependenciesTests
{
    private static readonly Dictionary<string, string> NoLabels = [];

    /// <summary>Rules from "record name: expr" and "alert name: expr" lines.</summary>
    internal static IRule[] Rules(params string[] lines) => [.. lines.Select(line =>
    {
        var split = line.IndexOf(": ", StringComparison.Ordinal);
        var (head, expr) = (line[..split], line[(split + 2)..]);
        var name = head[(head.IndexOf(' ') + 1)..];
        return head.StartsWith("alert ", StringComparison.Ordinal)
            ? (IRule)new AlertingRule(name, expr, TimeSpan.Zero, TimeSpan.Zero, NoLabels, NoLabels)
            : new RecordingRule(name, expr, NoLabels);
    })];

    /// <summary>Each rule's dependencies as "i:j,k" joined by spaces, rules without any left out.</summary>
    private static string Describe(RuleDependencies map, int count) => string.Join(" ", Enumerable.Range(0, count)
        .Where(i => map.DependenciesOf(i).Count > 0)
        .Select(i => $"{i}:{string.Join(",", map.DependenciesOf(i).Order())}"));

    [Theory]
    [InlineData("record job_rate: sum by (job) (rate(http_total[5m]));record high: job_rate > 100", "1:0")]
    [InlineData("record a: sum(x);record b: sum(y);record c: avg(z)", "")]
    [InlineData("record a: sum(x);record b: rate(a[5m]) + on() group_left sum_over_time(a[10m:1m])", "1:0")]
    [InlineData("alert Down: up == 0;record alerts: count(ALERTS)", "1:0")]
    [InlineData("alert A: up == 0;alert B: up == 2;record b_alerts: count(ALERTS{alertname=\"B\"})", "2:1")]
    [InlineData("alert A: up == 0;record r: sum(x);record f: count(ALERTS_FOR_STATE{alertname=~\"A|r\"})", "2:0")]
    [InlineData("record r: sum(x);record f: count(ALERTS)", "")]
    [InlineData("record job:a: sum(x);record job:b: sum(y);record all: count({__name__=~\"job:.*\"})", "2:0,1")]
    [InlineData("record first: later * 2;record later: sum(x)", "1:0")]
    [InlineData("record same: sum(x);record other: sum(y);record same: sum(z)", "2:0")]
    [InlineData("record n: count(ALERTS);alert A: up == 0", "1:0")]
    [InlineData("record a: sum(x);record b: a;record c: b + a;record d: sum(y)", "1:0 2:0,1")]
    [InlineData("record a: sort_by_label(x, \"job\");record b: mad_over_time(a[5m]);record c: sum(y)", "1:0")]
    public void Analyse_Group_OrdersEachRuleAfterWhatItMustFollow(string group, string expected)
    {
        var rules = Rules(group.Split(';'));

        var map = RuleDependencies.Analyse(rules);

        Assert.NotNull(map);
        Assert.Equal(expected, Describe(map, rules.Length));
    }

    [Theory]
    [InlineData("record a: sum(x);record b: sum({job=\"x\"})")]
    [InlineData("record a: {job=\"x\"};record b: sum(y)")]
    [InlineData("record a: sum(x);record b: sum(")]
    public void Analyse_SelectorWithoutNameOrBadExpression_DependenciesUnknown(string group)
    {
        Assert.Null(RuleDependencies.Analyse(Rules(group.Split(';'))));
    }

    [Fact]
    public void Analyse_AlertTemplateCallsQuery_DependenciesUnknown()
    {
        var annotations = new Dictionary<string, string> { ["summary"] = "{{ with query \"sum(x)\" }}{{ . | first | value }}{{ end }}" };
        IRule[] rules = [new RecordingRule("a", "sum(x)", NoLabels), new AlertingRule("A", "up == 0", TimeSpan.Zero, TimeSpan.Zero, NoLabels, annotations)];

        Assert.Null(RuleDependencies.Analyse(rules));
    }

    [Fact]
    public void Analyse_SingleRuleWithoutName_NothingToDependOn()
    {
        var map = RuleDependencies.Analyse(Rules("record a: {job=\"x\"}"));

        Assert.NotNull(map);
        Assert.Empty(map.DependenciesOf(0));
    }

    [Fact]
    public void Analyse_Dependency_IsRecordedOnBothSides()
    {
        var map = RuleDependencies.Analyse(Rules("record a: sum(x)", "record b: a", "record c: a"))!;

        Assert.Equal([1, 2], map.DependentsOf(0).Order());
        Assert.Empty(map.DependentsOf(1));
    }

    [Theory]
    [InlineData("record a: sum(x);record b: sum(y);record c: sum(z);record d: sum(w)", "0,1,2,3")]
    [InlineData("record a: sum(x);record b: a;record c: b", "0|1|2")]
    [InlineData("record a: sum(x);record b: a;record c: sum(z);record d: b", "0,2|1|3")]
    [InlineData("record a: sum(x);record b: a;record c: a;record d: sum(z)", "0,3|1,2")]
    [InlineData("alert A: up == 0;record n: count(ALERTS);record m: sum(x)", "0,2|1")]
    [InlineData("record a: sum(x);record b: sum({job=\"x\"});record c: sum(y)", "0|1|2")]
    public void Batches_Group_SplitsAsUpstream(string group, string expected)
    {
        var rules = Rules(group.Split(';'));

        var batches = RuleDependencies.Batches(RuleDependencies.Analyse(rules), rules.Length);

        Assert.Equal(expected, string.Join("|", batches.Select(b => string.Join(",", b))));
    }
}
