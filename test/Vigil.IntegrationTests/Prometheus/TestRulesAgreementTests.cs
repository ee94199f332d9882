using Vigil.IntegrationTests.Harness;

namespace Vigil.IntegrationTests.Prometheus;

/// <summary>
/// <c>vigil test rules</c> and the real <c>promtool test rules</c> (2.42) on the same rule tests must agree on the
/// exit code, and on the failure text for a wrong expectation, so CI can run either.
/// </summary>
public sealed class TestRulesAgreementTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private const string Rules = """
        groups:
          - name: g
            rules:
              - record: job:up:sum
                expr: sum by (job) (up)
              - alert: InstanceDown
                expr: up == 0
                for: 2m
                labels:
                  severity: page
                annotations:
                  summary: "{{ $labels.instance }} of {{ $labels.job }} down ({{ $value }})"
        """;

    private const string Passing = """
        rule_files: [rules.yml]
        evaluation_interval: 1m
        tests:
          - name: down
            interval: 1m
            input_series:
              - series: 'up{job="node", instance="a:9100"}'
                values: '1 1 0 0 0 0 0'
              - series: 'up{job="node", instance="b:9100"}'
                values: '1x6'
            alert_rule_test:
              - eval_time: 3m
                alertname: InstanceDown
                exp_alerts: []
              - eval_time: 5m
                alertname: InstanceDown
                exp_alerts:
                  - exp_labels: {severity: page, job: node, instance: "a:9100"}
                    exp_annotations: {summary: "a:9100 of node down (0)"}
            promql_expr_test:
              - expr: job:up:sum
                eval_time: 5m
                exp_samples:
                  - labels: 'job:up:sum{job="node"}'
                    value: 1
        """;

    public static TheoryData<string, string> Cases() => new()
    {
        { "passing", Passing },
        { "wrong-sample", Passing.Replace("value: 1", "value: 2", StringComparison.Ordinal) },
        { "alert-too-early", Passing.Replace("eval_time: 5m\n        alertname", "eval_time: 3m\n        alertname", StringComparison.Ordinal) },
        { "wrong-annotation", Passing.Replace("down (0)", "down (1)", StringComparison.Ordinal) },
        { "missing-rule-file", Passing.Replace("[rules.yml]", "[nothere.yml]", StringComparison.Ordinal) },
        { "bad-series", Passing.Replace("'1x6'", "'1xx6'", StringComparison.Ordinal) },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task TestRules_Case_ExitsLikePromtool(string name, string test)
    {
        using var dir = new TempDirectory("test-rules");
        dir.Write("rules.yml", Rules);
        var file = dir.Write(name + ".yml", test);
        var args = new[] { "test", "rules", file };

        var (expected, promtoolOutput) = await ManagedProcess.RunAsync(RequiredProgram.Find("promtool", "prometheus"), args, Deadline);
        var (actual, vigilOutput) = await VigilBinary.RunAsync(args, Deadline);

        Assert.True(expected == actual,
            $"{name}: promtool exit {expected}, vigil exit {actual}\n--- promtool:\n{promtoolOutput}\n--- vigil:\n{vigilOutput}");
    }

    [Fact]
    public async Task TestRules_WrongSample_SameFailureTextAsPromtool()
    {
        using var dir = new TempDirectory("test-rules");
        dir.Write("rules.yml", Rules);
        var file = dir.Write("t.yml", Passing.Replace("value: 1", "value: 2", StringComparison.Ordinal));
        var args = new[] { "test", "rules", file };

        var (_, promtoolOutput) = await ManagedProcess.RunAsync(RequiredProgram.Find("promtool", "prometheus"), args, Deadline);
        var (_, vigilOutput) = await VigilBinary.RunAsync(args, Deadline);

        const string Failure = "    expr: \"job:up:sum\", time: 5m,\n        exp: {__name__=\"job:up:sum\", job=\"node\"} 2E+00\n        got: {__name__=\"job:up:sum\", job=\"node\"} 1E+00";
        Assert.Contains(Failure, promtoolOutput, StringComparison.Ordinal);
        Assert.Contains(Failure, vigilOutput, StringComparison.Ordinal);
    }
}
