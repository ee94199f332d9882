using Vigil.Api.Prometheus;

namespace Vigil.Api.Tests.Prometheus;

public sealed class AstJsonTests
{
    private static string Parse(string query) => ApiTestKit.Data(AstJson.Parse(ApiTestKit.Request("query=" + Uri.EscapeDataString(query))));

    [Theory]
    [InlineData("up", """{"anchored":false,"matchers":[{"name":"__name__","type":"=","value":"up"}],"name":"up","offset":0,"offsetExpr":null,"smoothed":false,"startOrEnd":null,"timestamp":null,"type":"vectorSelector"}""")]
    [InlineData("1 + 2", """{"bool":false,"lhs":{"type":"numberLiteral","val":"1"},"matching":null,"op":"+","rhs":{"type":"numberLiteral","val":"2"},"type":"binaryExpr"}""")]
    [InlineData("-(1)", """{"expr":{"expr":{"type":"numberLiteral","val":"1"},"type":"parenExpr"},"op":"-","type":"unaryExpr"}""")]
    [InlineData("\"a\"", """{"type":"stringLiteral","val":"a"}""")]
    [InlineData("(1)", """{"expr":{"type":"numberLiteral","val":"1"},"type":"parenExpr"}""")]
    public void Parse_Node_UpstreamTreeShape(string query, string json) => Assert.Equal(json, Parse(query));

    [Fact]
    public void Parse_AggregationOverRate_NestedNodes()
    {
        var json = Parse("sum without (instance) (rate(http_requests_total{code=~\"5..\"}[5m] offset 1m @ end()))");
        Assert.StartsWith("""{"expr":{"args":[{"anchored":false,"matchers":[{"name":"__name__","type":"=","value":"http_requests_total"},{"name":"code","type":"=~","value":"5.."}],"name":"http_requests_total","offset":60000,"offsetExpr":null,"range":300000,"rangeExpr":null,"smoothed":false,"startOrEnd":"end","timestamp":null,"type":"matrixSelector"}],""", json, StringComparison.Ordinal);
        Assert.Contains("""func":{"argTypes":["matrix"],"name":"rate","returnType":"vector","variadic":0},"type":"call"}""", json, StringComparison.Ordinal);
        Assert.EndsWith("""grouping":["instance"],"op":"sum","param":null,"type":"aggregation","without":true}""", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_VectorMatching_CardAndLabels()
    {
        var json = Parse("a / on (job) group_left (team) b");
        Assert.Contains("""matching":{"card":"many-to-one","fillValues":{"lhs":null,"rhs":null},"include":["team"],"labels":["job"],"on":true}""", json, StringComparison.Ordinal);
        Assert.Contains("""matching":{"card":"many-to-many",""", Parse("a and b"), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_Subquery_RangeAndStep()
    {
        var json = Parse("max_over_time(up[10m:1m])");
        Assert.Contains("""{"expr":{"anchored":false""", json, StringComparison.Ordinal);
        Assert.Contains("""range":600000,"rangeExpr":null,"startOrEnd":null,"step":60000,"stepExpr":null,"timestamp":null,"type":"subquery"}""", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_BadQuery_InvalidParameterQuery()
    {
        var error = Assert.Throws<ApiError>(() => AstJson.Parse(ApiTestKit.Request("query=up%7B")));
        Assert.Equal(ApiErrorType.BadData, error.Type);
        Assert.StartsWith("invalid parameter \"query\": 1:4: parse error:", error.Message, StringComparison.Ordinal);
    }
}
