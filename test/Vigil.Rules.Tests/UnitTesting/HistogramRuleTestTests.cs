using Vigil.PromQL.Engine;
using Vigil.PromQL.Parser;
using Vigil.Rules.UnitTesting;

namespace Vigil.Rules.Tests.UnitTesting;

/// <summary><c>vigil test rules</c> with native histograms in input series and <c>histogram:</c> expectations.</summary>
public sealed class HistogramRuleTestTests
{
    private const string Rules = """
        groups:
          - name: g
            rules:
              - record: h:copy
                expr: h
        """;

    private static (int Code, string Stderr) Run(string values, string expr, string evalTime, string expected)
    {
        var dir = Path.Combine(Path.GetTempPath(), "vigil-nh-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            File.WriteAllText(Path.Combine(dir, "rules.yml"), Rules);
            var test = $$"""
                rule_files: [rules.yml]
                tests:
                  - interval: 1m
                    input_series:
                      - series: h
                        values: "{{values}}"
                    promql_expr_test:
                      - expr: {{expr}}
                        eval_time: {{evalTime}}
                        exp_samples:
                {{expected}}
                """;
            var file = Path.Combine(dir, "t.yml");
            File.WriteAllText(file, test);
            using var stdout = new StringWriter();
            using var stderr = new StringWriter();
            // smoothed is experimental upstream; these tests are about histograms, so every feature is on.
            var code = UnitTestRunner.Run([file], [], false, stdout, stderr, new EngineOptions { Parser = ParserOptions.AllEnabled });
            return (code, stderr.ToString());
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static string Sample(string labels, string histogram) =>
        $"          - labels: '{labels}'\n            histogram: \"{histogram}\"";

    [Theory]
    // The first sample of a series reads back with an unknown hint, later ones as not_reset (as upstream's chunks).
    [InlineData("{{count:2 sum:3 buckets:[2]}}", "h", "1m", "h", "{{count:2 sum:3 buckets:[2]}}")]
    [InlineData("{{count:2 sum:3 buckets:[2]}}x2", "h", "2m", "h", "{{count:2 sum:3 counter_reset_hint:not_reset buckets:[2]}}")]
    [InlineData("{{sum:3 count:2 buckets:[2]}}+{{sum:1.3 count:1 buckets:[1]}}x2", "h", "2m", "h", "{{count:4 sum:5.6 counter_reset_hint:not_reset buckets:[4]}}")]
    // A reset starts a new chunk upstream, whose first histogram reads back with an unknown hint.
    [InlineData("{{count:5 buckets:[5]}} {{count:1 buckets:[1]}}", "h", "1m", "h", "{{count:1 buckets:[1]}}")]
    [InlineData("{{count:5 buckets:[5]}} stale {{count:6 buckets:[6]}}", "h", "2m", "h", "{{count:6 buckets:[6]}}")]
    [InlineData("{{counter_reset_hint:gauge count:1 z_bucket:1 z_bucket_w:0.001}}x1", "h", "1m", "h", "{{z_bucket_w:0.001 count:1 z_bucket:1 counter_reset_hint:gauge}}")]
    // Field order and empty edge buckets do not matter: both sides are rendered the same way before comparing.
    [InlineData("{{schema:1 count:3 buckets:[0 1 2] offset:-1 n_buckets:[0] n_offset:4}}", "h", "0m", "h", "{{count:3 schema:1 buckets:[1 2]}}")]
    // Recording rules store histogram results.
    [InlineData("{{count:2 sum:3 buckets:[2]}}x2", "h:copy", "2m", "h:copy", "{{count:2 sum:3 counter_reset_hint:not_reset buckets:[2]}}")]
    public void Run_HistogramExpectation_Passes(string values, string expr, string evalTime, string labels, string histogram)
    {
        var (code, stderr) = Run(values, expr, evalTime, Sample(labels, histogram));

        Assert.True(code == 0, stderr);
    }

    [Fact]
    public void Run_WrongHistogram_PrintsBothAsPromtool()
    {
        var (code, stderr) = Run("{{count:2 sum:3 buckets:[2]}}x2", "h", "2m", Sample("h", "{{count:2 sum:3 buckets:[2]}}"));

        Assert.Equal(1, code);
        Assert.Contains(
            "    expr: \"h\", time: 2m,\n        exp: {__name__=\"h\"} {{count:2 sum:3 buckets:[2]}}\n" +
            "        got: {__name__=\"h\"} {{count:2 sum:3 counter_reset_hint:not_reset buckets:[2]}}",
            stderr.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Fact]
    public void Run_FloatExpectedForHistogram_Fails()
    {
        var (code, stderr) = Run("{{count:2}}", "h", "0m", "          - labels: h\n            value: 0");

        Assert.Equal(1, code);
        Assert.Contains("got: {__name__=\"h\"} {{count:2}}", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{{count:1}}x1", "labels \"h\": expected 1 value, got 2")]
    [InlineData("1", "labels \"h\": expected histogram, got 1E+00")]
    [InlineData("{{count:1 foo:2}}", "unknown histogram key foo")]
    public void Run_BadHistogramExpectation_ErrorNamesIt(string histogram, string message)
    {
        var (code, stderr) = Run("{{count:1}}", "h", "0m", Sample("h", histogram));

        Assert.Equal(1, code);
        Assert.Contains(message, stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{{count:1 bucket:[1]}}", "error in input series \"h\": unknown histogram key bucket")]
    [InlineData("{{schema:1 count:1}}+{{schema:0 count:1}}x1", "cannot merge from schema 0 to 1")]
    public void Run_BadHistogramInputSeries_ErrorNamesTheSeries(string values, string message)
    {
        var (code, stderr) = Run(values, "h", "0m", Sample("h", "{{count:1}}"));

        Assert.Equal(1, code);
        Assert.Contains(message, stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_HistogramInUnsupportedExpression_FailsWithClearError()
    {
        var (code, stderr) = Run("{{count:1}}", "info(h)", "0m", Sample("", "{{count:2}}"));

        Assert.Equal(1, code);
        Assert.Contains("native histogram samples of {__name__=\"h\"} are not supported in this expression yet", stderr, StringComparison.Ordinal);
    }
}
