using Vigil.PromQL.Parser;

namespace Vigil.PromQL.Tests.Parser;

public sealed class ParserTests
{
    [Theory]
    [InlineData("1 + 2 * 3", "1 + 2 * 3")]
    [InlineData("-2 ^ 2", "-2 ^ 2")]
    [InlineData("2 ^ 3 ^ 2", "2 ^ 3 ^ 2")]
    [InlineData("foo", "foo")]
    [InlineData("foo{a=\"b\", c!~'d'}", "foo{a=\"b\", c!~\"d\"}")]
    [InlineData("{__name__=\"foo\"}", "{__name__=\"foo\"}")]
    [InlineData("rate(foo[5m])", "rate(foo[5m])")]
    [InlineData("foo[1h30m] offset -5m", "foo[1h30m] offset -5m")]
    [InlineData("foo @ 100", "foo @ 100.000")]
    [InlineData("foo @ start()", "foo @ start()")]
    [InlineData("sum by (job) (foo)", "sum by (job) (foo)")]
    [InlineData("sum(foo) without (a, b)", "sum without (a, b) (foo)")]
    [InlineData("topk(3, foo)", "topk(3, foo)")]
    [InlineData("a / on(job) group_left(x) b", "a / on(job) group_left(x) b")]
    [InlineData("a > bool 1", "a > bool 1")]
    [InlineData("min_over_time(rate(foo[1m])[5m:1m])", "min_over_time(rate(foo[1m])[5m:1m])")]
    [InlineData("0x1F", "31")]
    [InlineData("1e6", "1000000")]
    [InlineData("Inf", "+Inf")]
    [InlineData("`raw\\n`", "\"raw\\\\n\"")]
    public void Parse_ValidQuery_PrintsCanonicalForm(string query, string expected)
    {
        Assert.Equal(expected, PromQLParser.Parse(query).ToString());
    }

    [Theory]
    [InlineData("1 - 2 - 3", -4)]
    [InlineData("2 ^ 3 ^ 2", 512)]
    [InlineData("-2 ^ 2", -4)]
    [InlineData("2 * 3 + 4", 10)]
    [InlineData("2 + 3 * 4", 14)]
    public void Parse_Arithmetic_FollowsUpstreamPrecedence(string query, double expected)
    {
        var engine = new Vigil.PromQL.Engine.QueryEngine();
        var result = engine.Instant(new Vigil.Storage.Memory.MemoryStorage(), query, 0);
        Assert.Equal(expected, ((Vigil.PromQL.Engine.ScalarValue)result.Value).Value);
    }

    [Theory]
    [InlineData("foo{", "1:5: parse error:")]
    [InlineData("sum(foo", "1:8: parse error: unexpected end of input")]
    [InlineData("rate(foo)", "expected type range vector in call to function \"rate\", got instant vector")]
    [InlineData("1 > 2", "comparisons between scalars must use BOOL modifier")]
    [InlineData("foo and 1", "set operator \"and\" not allowed in binary scalar expression")]
    [InlineData("{a=~\"\"}", "vector selector must contain at least one non-empty matcher")]
    [InlineData("nosuchfn(foo)", "unknown function with name \"nosuchfn\"")]
    [InlineData("(foo)[5m]", "ranges only allowed for vector selectors")]
    [InlineData("histogram_quantile(0.9)", "expected 2 argument(s) in call to \"histogram_quantile\", got 1")]
    public void Parse_InvalidQuery_ThrowsPositionedError(string query, string fragment)
    {
        var e = Assert.Throws<ParseException>(() => PromQLParser.Parse(query));
        Assert.Contains(fragment, e.Message, StringComparison.Ordinal);
        Assert.Matches(@"^\d+:\d+: parse error: ", e.Message);
    }

    [Fact]
    public void Parse_DurationExpressionWithStep_IsDeferredUntilResolved()
    {
        var expr = (Call)PromQLParser.Parse("rate(foo[step() * 2])");
        var matrix = (MatrixSelector)expr.Args[0];
        DurationExpressions.Resolve(expr, 30_000, 0);
        Assert.Equal(60_000, matrix.Range);
    }
}
