using Vigil.Cli;

namespace Vigil.Api.Tests.Cli;

/// <summary><c>--enable-feature</c> of <c>vigil check rules</c>, <c>check config</c> and <c>test rules</c>, as promtool takes it.</summary>
public sealed class PromtoolFeatureFlagTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("vigil-features-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    private string Rules(string expr) => Write("rules.yml", $"groups:\n- name: g\n  rules:\n  - record: r\n    expr: '{expr}'\n");

    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = new CommandLine(Program.Commands, "v").RunAsync(args, new CommandIo(output, error, default)).GetAwaiter().GetResult();
        return (code, output.ToString(), error.ToString());
    }

    [Theory]
    [InlineData("sort_by_label(up, \"job\")", "promql-experimental-functions")]
    [InlineData("limitk(1, up)", "promql-experimental-functions")]
    [InlineData("rate(up[5m] smoothed)", "promql-extended-range-selectors")]
    [InlineData("up + fill(0) down", "promql-binop-fill-modifiers")]
    public void CheckRules_GatedFeature_FailsWithoutAndPassesWithTheFlag(string expr, string flag)
    {
        var file = Rules(expr);

        var (without, _, err) = Run("check", "rules", file);
        var (with, output, _) = Run("check", "rules", "--enable-feature=" + flag, file);

        Assert.Equal(1, without);
        Assert.Contains("--enable-feature=" + flag, err, StringComparison.Ordinal);
        Assert.Contains("groups[0].rules[0].expr", err, StringComparison.Ordinal);
        Assert.Equal(0, with);
        Assert.Contains("SUCCESS: 1 rules found", output, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckRules_RepeatedAndCommaSeparatedFlags_AllApply()
    {
        var file = Rules("sort_by_label(up, \"job\") + fill(0) rate(up[5m] anchored)");

        var (code, _, err) = Run("check", "rules", "--enable-feature=promql-experimental-functions,promql-binop-fill-modifiers",
            "--enable-feature=promql-extended-range-selectors", file);

        Assert.True(code == 0, err);
    }

    [Fact]
    public void CheckRules_UnknownFeature_WarnsAndStillChecks()
    {
        var (code, output, _) = Run("check", "rules", "--enable-feature=no-such-thing", Rules("up"));

        Assert.Equal(0, code);
        Assert.Contains("WARNING: Unknown feature passed to --enable-feature: no-such-thing", output, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckConfig_RuleFileWithGatedFunction_HonoursTheFlag()
    {
        Rules("info(up)");
        var config = Write("prometheus.yml", "rule_files: [rules.yml]\nscrape_configs: []\n");

        var (without, _, err) = Run("check", "config", config);
        var (with, _, _) = Run("check", "config", "--enable-feature=promql-experimental-functions", config);

        Assert.Equal(1, without);
        Assert.Contains("function \"info\" is not enabled; enable it with --enable-feature=promql-experimental-functions", err, StringComparison.Ordinal);
        Assert.Equal(0, with);
    }

    [Theory]
    [InlineData(new string[0], 1)]
    [InlineData(new[] { "--enable-feature=promql-experimental-functions" }, 0)]
    public void TestRules_ExperimentalFunctionInRuleAndTest_NeedsTheFlag(string[] flags, int expected)
    {
        Rules("sort_by_label(up, \"job\")");
        var test = Write("test.yml", """
            rule_files: [rules.yml]
            tests:
              - input_series:
                  - series: 'up{job="a"}'
                    values: '1'
                promql_expr_test:
                  - expr: r
                    eval_time: 0m
                    exp_samples:
                      - labels: 'r{job="a"}'
                        value: 1
            """);

        var (code, _, err) = Run(["test", "rules", .. flags, test]);

        Assert.True(expected == code, err);
    }

    [Fact]
    public void TestRules_DelayedNameRemoval_IsHonoured()
    {
        Write("rules.yml", "groups: []\n");
        var test = Write("test.yml", """
            rule_files: [rules.yml]
            tests:
              - input_series:
                  - series: 'up{job="a"}'
                    values: '1'
                promql_expr_test:
                  - expr: label_replace(up * 1, "x", "$1", "__name__", "(.*)")
                    eval_time: 0m
                    exp_samples:
                      - labels: '{job="a", x="up"}'
                        value: 1
            """);

        var (without, _, _) = Run("test", "rules", test);
        var (with, _, err) = Run("test", "rules", "--enable-feature=promql-delayed-name-removal", test);

        Assert.Equal(1, without);
        Assert.True(with == 0, err);
    }
}
