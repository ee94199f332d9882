using Vigil.PromQL.Parser;

namespace Vigil.PromQL.Tests.Parser;

public sealed class FeatureGateTests
{
    private const string FunctionsHint = "; enable it with --enable-feature=promql-experimental-functions";
    private const string RangeHint = "; enable it with --enable-feature=promql-extended-range-selectors";

    [Theory]
    [InlineData("sort_by_label(up, \"job\")", "1:1: parse error: function \"sort_by_label\" is not enabled" + FunctionsHint)]
    [InlineData("sum(sort_by_label_desc(up, \"job\"))", "1:5: parse error: function \"sort_by_label_desc\" is not enabled" + FunctionsHint)]
    [InlineData("info(up)", "1:1: parse error: function \"info\" is not enabled" + FunctionsHint)]
    [InlineData("mad_over_time(up[5m])", "1:1: parse error: function \"mad_over_time\" is not enabled" + FunctionsHint)]
    [InlineData("ts_of_max_over_time(up[5m])", "1:1: parse error: function \"ts_of_max_over_time\" is not enabled" + FunctionsHint)]
    [InlineData("double_exponential_smoothing(up[5m], 0.5, 0.5)", "1:1: parse error: function \"double_exponential_smoothing\" is not enabled" + FunctionsHint)]
    [InlineData("histogram_quantiles(up, \"q\", 0.5)", "1:1: parse error: function \"histogram_quantiles\" is not enabled" + FunctionsHint)]
    [InlineData("start_timestamp(up)", "1:1: parse error: function \"start_timestamp\" is not enabled" + FunctionsHint)]
    [InlineData("vector(step())", "1:8: parse error: function \"step\" is not enabled" + FunctionsHint)]
    [InlineData("max_of(1, 2)", "1:1: parse error: function \"max_of\" is not enabled" + FunctionsHint)]
    [InlineData("limitk(2, up)", "1:1: parse error: limitk() is experimental and must be enabled with --enable-feature=promql-experimental-functions")]
    [InlineData("1 + limit_ratio(0.5, up)", "1:5: parse error: limit_ratio() is experimental and must be enabled with --enable-feature=promql-experimental-functions")]
    [InlineData("up anchored", "1:1: parse error: anchored modifier is experimental and not enabled" + RangeHint)]
    [InlineData("rate(up[5m] smoothed)", "1:6: parse error: smoothed modifier is experimental and not enabled" + RangeHint)]
    [InlineData("up[5m:1m] anchored", "1:1: parse error: anchored modifier is experimental and not enabled" + RangeHint)]
    [InlineData("up + fill(0) down", "1:1: parse error: binop fill modifiers are experimental and not enabled; enable it with --enable-feature=promql-binop-fill-modifiers")]
    [InlineData("sum(a) * on (x) fill_left(1) b", "1:1: parse error: binop fill modifiers are experimental and not enabled; enable it with --enable-feature=promql-binop-fill-modifiers")]
    public void Parse_GatedFeatureWithDefaults_FailsWithUpstreamMessageAndFlag(string query, string expected)
    {
        var e = Assert.Throws<ParseException>(() => PromQLParser.Parse(query));

        Assert.Equal(expected, e.Message);
    }

    [Theory]
    [InlineData("sort_by_label(up, \"job\")")]
    [InlineData("info(up)")]
    [InlineData("limitk(2, up)")]
    [InlineData("limit_ratio(0.5, up)")]
    [InlineData("vector(step())")]
    [InlineData("ts_of_last_over_time(up[5m])")]
    [InlineData("rate(up[5m] anchored)")]
    [InlineData("up smoothed")]
    [InlineData("up + fill(0) down")]
    public void Parse_GatedFeatureWithAllEnabled_Parses(string query)
    {
        PromQLParser.Parse(query, ParserOptions.AllEnabled);
    }

    [Theory]
    [InlineData("info(up)", true)]
    [InlineData("limitk(2, up)", true)]
    [InlineData("up anchored", false)]
    [InlineData("up + fill(0) down", false)]
    public void Parse_OnlyExperimentalFunctionsEnabled_GatesTheRestIndependently(string query, bool parses)
    {
        var options = new ParserOptions { ExperimentalFunctions = true };

        var parsed = Record.Exception(() => PromQLParser.Parse(query, options)) is null;

        Assert.Equal(parses, parsed);
    }

    [Theory]
    // Stable functions, duration arithmetic (on by default, as upstream's binaries) and @ start()/end().
    [InlineData("first_over_time(up[5m])")]
    [InlineData("holt_winters(up[5m], 0.5, 0.5)")]
    [InlineData("up[5m + 1m]")]
    [InlineData("up[step()]")]
    [InlineData("up[min_of(5m, step())]")]
    [InlineData("up offset -step()")]
    [InlineData("up[5m:step()]")]
    [InlineData("up @ start()")]
    [InlineData("fill")]
    [InlineData("anchored")]
    public void Parse_NotGatedWithDefaults_Parses(string query)
    {
        PromQLParser.Parse(query);
    }

    [Theory]
    [InlineData("up[5m + 1m]", "1:4")]
    [InlineData("up[step()]", "1:4")]
    [InlineData("up[(5m)]", "1:5")]
    [InlineData("up offset -step()", "1:11")]
    [InlineData("up[5m:min_of(1m, 2m)]", "1:7")]
    public void Parse_DurationExpressionDisabled_FailsAtTheExpression(string query, string position)
    {
        var options = new ParserOptions { DurationExpressions = false };

        var e = Assert.Throws<ParseException>(() => PromQLParser.Parse(query, options));

        Assert.Equal($"{position}: parse error: experimental duration expression is not enabled; enable it with --enable-feature=promql-duration-expr", e.Message);
    }

    [Theory]
    [InlineData("up[5m]")]
    [InlineData("up offset -5m")]
    [InlineData("up[300:10]")]
    public void Parse_PlainDurationWithDurationExpressionsDisabled_Parses(string query)
    {
        PromQLParser.Parse(query, new ParserOptions { DurationExpressions = false });
    }

    [Theory]
    [InlineData("up[5m:1m] anchored", "1:1: parse error: anchored modifier is not supported for subqueries")]
    [InlineData("up anchored smoothed", "1:1: parse error: anchored and smoothed modifiers cannot be used together")]
    public void Parse_MisusedRangeModifierWhenEnabled_FailsAsUpstream(string query, string expected)
    {
        var e = Assert.Throws<ParseException>(() => PromQLParser.Parse(query, ParserOptions.AllEnabled));

        Assert.Equal(expected, e.Message);
    }

    [Fact]
    public void Parse_GatedFunctionOnSecondLine_PointsAtLineAndColumn()
    {
        var e = Assert.Throws<ParseException>(() => PromQLParser.Parse("sum(\n  info(up))"));

        Assert.StartsWith("2:3: parse error: function \"info\" is not enabled", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Experimental_Functions_MatchUpstreamsList()
    {
        var experimental = FunctionInfo.Names.Where(n => FunctionInfo.TryGet(n, out var f) && f.Experimental).Order(StringComparer.Ordinal);

        Assert.Equal(
            ["double_exponential_smoothing", "end", "histogram_quantiles", "info", "mad_over_time", "max_of", "min_of", "range",
                "sort_by_label", "sort_by_label_desc", "start", "start_timestamp", "step", "ts_of_first_over_time",
                "ts_of_last_over_time", "ts_of_max_over_time", "ts_of_min_over_time"],
            experimental);
    }
}
