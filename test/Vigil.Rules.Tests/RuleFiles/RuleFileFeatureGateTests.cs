using Vigil.PromQL.Engine;
using Vigil.PromQL.Parser;
using Vigil.Rules.RuleFiles;
using Vigil.Rules.UnitTesting;

namespace Vigil.Rules.Tests.RuleFiles;

/// <summary>Rule files and rule unit tests using experimental PromQL load only when the feature is enabled, as upstream.</summary>
public sealed class RuleFileFeatureGateTests
{
    private static string File(string expr) => $"groups:\n- name: g\n  rules:\n  - alert: A\n    expr: '{expr}'\n";

    [Theory]
    [InlineData("sort_by_label(up, \"job\")", "r.yml:5:12: groups[0].rules[0].expr: could not parse expression: 1:1: parse error: function \"sort_by_label\" is not enabled; enable it with --enable-feature=promql-experimental-functions")]
    [InlineData("limitk(1, up)", "r.yml:5:12: groups[0].rules[0].expr: could not parse expression: 1:1: parse error: limitk() is experimental and must be enabled with --enable-feature=promql-experimental-functions")]
    [InlineData("rate(up[5m] anchored) > 0", "r.yml:5:17: groups[0].rules[0].expr: could not parse expression: 1:6: parse error: anchored modifier is experimental and not enabled; enable it with --enable-feature=promql-extended-range-selectors")]
    [InlineData("up == fill(0) down", "groups[0].rules[0].expr: could not parse expression: 1:1: parse error: binop fill modifiers are experimental and not enabled; enable it with --enable-feature=promql-binop-fill-modifiers")]
    public void Parse_GatedFeatureWithoutFlag_FailsNamingFileRuleAndFlag(string expr, string expected)
    {
        var result = RuleFileLoader.Parse(File(expr), "r.yml");

        Assert.Null(result.File);
        Assert.Contains(result.Errors, e => e.ToString().Contains(expected, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("sort_by_label(up, \"job\")")]
    [InlineData("limitk(1, up)")]
    [InlineData("rate(up[5m] anchored) > 0")]
    [InlineData("up == fill(0) down")]
    public void Parse_GatedFeatureWithFlag_Loads(string expr)
    {
        var result = RuleFileLoader.Parse(File(expr), "r.yml", ParserOptions.AllEnabled);

        Assert.True(result.Ok, string.Join("\n", result.Errors));
    }

    [Fact]
    public void Parse_DurationExpressionByDefault_Loads()
    {
        Assert.True(RuleFileLoader.Parse(File("rate(up[5m + 1m]) > 0"), "r.yml").Ok);
    }

    [Theory]
    [InlineData(false, 1)]
    [InlineData(true, 0)]
    public void Run_TestUsingExperimentalFunction_PassesOnlyWithTheFlag(bool enabled, int expectedCode)
    {
        var dir = Path.Combine(Path.GetTempPath(), "vigil-gate-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            System.IO.File.WriteAllText(Path.Combine(dir, "rules.yml"),
                "groups:\n- name: g\n  rules:\n  - record: top\n    expr: sort_by_label(up, \"job\")\n");
            var test = Path.Combine(dir, "t.yml");
            System.IO.File.WriteAllText(test, """
                rule_files: [rules.yml]
                tests:
                  - input_series:
                      - series: 'up{job="a"}'
                        values: '1'
                    promql_expr_test:
                      - expr: top
                        eval_time: 0m
                        exp_samples:
                          - labels: 'top{job="a"}'
                            value: 1
                      - expr: mad_over_time(up[1m])
                        eval_time: 0m
                        exp_samples:
                          - labels: '{job="a"}'
                            value: 0
                """);
            using var stdout = new StringWriter();
            using var stderr = new StringWriter();
            var engine = new EngineOptions { Parser = enabled ? new ParserOptions { ExperimentalFunctions = true } : ParserOptions.Default };

            var code = UnitTestRunner.Run([test], [], false, stdout, stderr, engine);

            Assert.Equal(expectedCode, code);
            Assert.Equal(enabled, !stderr.ToString().Contains("--enable-feature=promql-experimental-functions", StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
