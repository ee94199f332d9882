using Vigil.IntegrationTests.Harness;

namespace Vigil.IntegrationTests.Prometheus;

/// <summary>
/// Experimental PromQL in rule files needs <c>--enable-feature</c>, as upstream: <c>vigil test rules</c> fails
/// without the flag and passes with it; <c>vigil prometheus</c> refuses to start without it, naming the file, the
/// rule and the flag. Prometheus 2.42 knows none of today's experimental functions, so promtool is compared where
/// it can agree: it fails the same test without the flag, and accepts the flag on a test that needs none.
/// </summary>
public sealed class FeatureFlagRulesTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private const string Flag = "--enable-feature=promql-experimental-functions";

    private const string ExperimentalRules = """
        groups:
          - name: g
            rules:
              - record: job:up:sorted
                expr: sort_by_label(up, "instance")
        """;

    private const string PlainRules = """
        groups:
          - name: g
            rules:
              - record: job:up:sorted
                expr: sort(up)
        """;

    private const string Test = """
        rule_files: [rules.yml]
        evaluation_interval: 1m
        tests:
          - interval: 1m
            input_series:
              - series: 'up{job="node", instance="a:9100"}'
                values: '1x3'
            promql_expr_test:
              - expr: job:up:sorted
                eval_time: 2m
                exp_samples:
                  - labels: 'job:up:sorted{job="node", instance="a:9100"}'
                    value: 1
        """;

    private static string Promtool => RequiredProgram.Find("promtool", "prometheus");

    [Fact]
    public async Task TestRules_ExperimentalFunctionWithoutFlag_FailsLikePromtool()
    {
        using var dir = new TempDirectory("feature-rules");
        dir.Write("rules.yml", ExperimentalRules);
        string[] args = ["test", "rules", dir.Write("t.yml", Test)];

        var (promtool, promtoolOutput) = await ManagedProcess.RunAsync(Promtool, args, Deadline);
        var (vigil, vigilOutput) = await VigilBinary.RunAsync(args, Deadline);

        Assert.True(promtool == 1 && vigil == 1, $"promtool exit {promtool}, vigil exit {vigil}\n{promtoolOutput}\n{vigilOutput}");
        Assert.Contains("function \"sort_by_label\" is not enabled; enable it with " + Flag, vigilOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TestRules_ExperimentalFunctionWithFlag_Passes()
    {
        using var dir = new TempDirectory("feature-rules");
        dir.Write("rules.yml", ExperimentalRules);

        var (code, output) = await VigilBinary.RunAsync(["test", "rules", Flag, dir.Write("t.yml", Test)], Deadline);

        Assert.True(code == 0, output);
    }

    [Theory]
    [InlineData(Flag)]
    [InlineData("--enable-feature=promql-at-modifier,promql-negative-offset")]
    public async Task TestRules_FlagOnPlainRules_ExitsLikePromtool(string flag)
    {
        using var dir = new TempDirectory("feature-rules");
        dir.Write("rules.yml", PlainRules);
        string[] args = ["test", "rules", flag, dir.Write("t.yml", Test)];

        var (promtool, promtoolOutput) = await ManagedProcess.RunAsync(Promtool, args, Deadline);
        var (vigil, vigilOutput) = await VigilBinary.RunAsync(args, Deadline);

        Assert.True(promtool == 0 && vigil == 0, $"promtool exit {promtool}, vigil exit {vigil}\n{promtoolOutput}\n{vigilOutput}");
    }

    [Fact]
    public async Task Prometheus_RuleFileWithExperimentalFunction_StartsOnlyWithFlag()
    {
        using var dir = new TempDirectory("feature-start");
        var rules = dir.Write("rules.yml", ExperimentalRules);
        var config = dir.Write("prometheus.yml", "rule_files: [rules.yml]\n");
        string[] args = ["prometheus", "--config.file=" + config, "--storage.tsdb.path=" + dir.Sub("data"), "--web.listen-address=" + FreePort.NextAddress()];

        await using (var refused = await VigilBinary.StartAsync(args))
        {
            await refused.WaitForExitAsync(Deadline);

            Assert.True(refused.ExitCode != 0, refused.Diagnostics());
            Assert.Contains(rules, refused.Output, StringComparison.Ordinal);
            Assert.Contains("groups[0].rules[0].expr", refused.Output, StringComparison.Ordinal);
            Assert.Contains(Flag, refused.Output, StringComparison.Ordinal);
        }

        await using var server = await VigilPrometheusServer.StartWithConfigAsync($"rule_files: [{rules}]\n", extraArgs: [Flag]);
        var (status, body) = await server.ApiAsync("/api/v1/rules");
        Assert.True(status == 200, body.ToJsonString());
        Assert.Contains("sort_by_label", body.ToJsonString(), StringComparison.Ordinal);
    }
}
