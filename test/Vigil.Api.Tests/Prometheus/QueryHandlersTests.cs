using Vigil.Api.Prometheus;
using Vigil.PromQL.Engine;
using static Vigil.Api.Tests.Prometheus.ApiTestKit;

namespace Vigil.Api.Tests.Prometheus;

public sealed class QueryHandlersTests
{
    private static string Instant(TestBackend b, string query) => Data(QueryHandlers.Instant(b, Request(query), CancellationToken.None));

    [Theory]
    [InlineData("query=up&time=30", """{"resultType":"vector","result":[{"metric":{"__name__":"up","instance":"a:9100","job":"node"},"value":[30,"1"]},{"metric":{"__name__":"up","instance":"b:80","job":"api"},"value":[30,"0"]}]}""")]
    [InlineData("query=up%7Bjob%3D%22node%22%7D&time=40.5", """{"resultType":"vector","result":[{"metric":{"__name__":"up","instance":"a:9100","job":"node"},"value":[40.500,"1"]}]}""")]
    [InlineData("query=timestamp(up%7Bjob%3D%22node%22%7D)&time=40", """{"resultType":"vector","result":[{"metric":{"instance":"a:9100","job":"node"},"value":[40,"30"]}]}""")]
    [InlineData("query=sum(up)&time=30.5", """{"resultType":"vector","result":[{"metric":{},"value":[30.500,"1"]}]}""")]
    [InlineData("query=1%2F0&time=1", """{"resultType":"scalar","result":[1,"+Inf"]}""")]
    [InlineData("query=%22hi%22&time=2", """{"resultType":"string","result":[2,"hi"]}""")]
    [InlineData("query=up%5B20s%5D&time=30", """{"resultType":"matrix","result":[{"metric":{"__name__":"up","instance":"a:9100","job":"node"},"values":[[15,"1"],[30,"1"]]},{"metric":{"__name__":"up","instance":"b:80","job":"api"},"values":[[15,"0"],[30,"0"]]}]}""")]
    [InlineData("query=time()", """{"resultType":"scalar","result":[1700000000,"1700000000"]}""")]
    public void Instant_Query_UpstreamShape(string query, string expected) =>
        Assert.Equal(expected, Instant(TestBackend.WithData(), query));

    [Fact]
    public void Range_Query_MatrixWithPointsPerStep()
    {
        var data = Data(QueryHandlers.Range(TestBackend.WithData(), Request("query=http_requests_total&start=0&end=30&step=15s"), CancellationToken.None));
        Assert.Equal("""{"resultType":"matrix","result":[{"metric":{"__name__":"http_requests_total","code":"200","job":"api"},"values":[[0,"0"],[15,"15"],[30,"30"]]}]}""", data);
    }

    [Theory]
    [InlineData("query=up&start=0&end=30&step=0.5", 61)]
    [InlineData("query=up&start=1970-01-01T00:00:00Z&end=1970-01-01T00:00:30Z&step=10", 4)]
    public void Range_StepAsFloatOrRfc3339Bounds_PointCount(string query, int points)
    {
        var result = QueryHandlers.Range(TestBackend.WithData(), Request(query), CancellationToken.None);
        var series = System.Text.Json.Nodes.JsonNode.Parse(Data(result))!["result"]!.AsArray();
        Assert.Equal(points, series[0]!["values"]!.AsArray().Count);
    }

    [Theory]
    [InlineData("query=sum(", "invalid parameter \"query\": 1:5: parse error: unexpected end of input")]
    [InlineData("query=up&time=soon", "invalid parameter \"time\": invalid time value for 'time': cannot parse \"soon\" to a valid timestamp")]
    [InlineData("query=up&timeout=x", "invalid parameter \"timeout\": cannot parse \"x\" to a valid duration")]
    [InlineData("query=up&limit=-2", "invalid parameter \"limit\": limit must be non-negative")]
    public void Instant_BadParameter_BadDataWithUpstreamMessage(string query, string message)
    {
        var e = Error(() => QueryHandlers.Instant(TestBackend.WithData(), Request(query), CancellationToken.None));
        Assert.Equal((ApiErrorType.BadData, 400), (e.Type, e.StatusCode));
        Assert.StartsWith(message, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("query=up&end=10&step=1", "invalid parameter \"start\": cannot parse \"\" to a valid timestamp")]
    [InlineData("query=up&start=10&end=5&step=1", "invalid parameter \"end\": end timestamp must not be before start time")]
    [InlineData("query=up&start=0&end=10&step=0", "invalid parameter \"step\": zero or negative query resolution step widths are not accepted. Try a positive integer")]
    [InlineData("query=up&start=0&end=10&step=-1", "invalid parameter \"step\": zero or negative query resolution step widths are not accepted. Try a positive integer")]
    [InlineData("query=up&start=0&end=10&step=fast", "invalid parameter \"step\": cannot parse \"fast\" to a valid duration")]
    [InlineData("query=up&start=0&end=11001&step=1", "exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query resolution (?step=XX)")]
    [InlineData("query=up%5B5m%5D&start=0&end=10&step=1", "invalid parameter \"query\": invalid expression type \"range vector\" for range query, must be Scalar or instant Vector")]
    public void Range_BadParameter_BadDataWithUpstreamMessage(string query, string message)
    {
        var e = Error(() => QueryHandlers.Range(TestBackend.WithData(), Request(query), CancellationToken.None));
        Assert.Equal(ApiErrorType.BadData, e.Type);
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void Range_Exactly11000Points_Accepted() =>
        QueryHandlers.Range(TestBackend.WithData(), Request("query=1&start=0&end=11000&step=1"), CancellationToken.None);

    [Fact]
    public void Instant_TooManySamples_Execution422()
    {
        var b = new TestBackend(engine: new EngineOptions { MaxSamples = 1, Timeout = Timeout.InfiniteTimeSpan });
        b.With(("__name__,x,i,1", 0, 1), ("__name__,x,i,2", 0, 1));
        var e = Error(() => QueryHandlers.Instant(b, Request("query=x&time=0"), CancellationToken.None));
        Assert.Equal((ApiErrorType.Execution, 422), (e.Type, e.StatusCode));
        Assert.Contains("too many samples", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Instant_ClientGone_Canceled()
    {
        using var gone = new CancellationTokenSource();
        gone.Cancel();
        var e = Error(() => QueryHandlers.Instant(TestBackend.WithData(), Request("query=up&time=0"), gone.Token));
        Assert.Equal((ApiErrorType.Canceled, "query was canceled in query execution"), (e.Type, e.Message));
    }

    [Fact]
    public void Instant_ZeroTimeout_TimeoutError503()
    {
        var b = TestBackend.WithData();
        b.QueryTimeout = TimeSpan.Zero;
        var e = Error(() => QueryHandlers.Instant(b, Request("query=up&time=0"), CancellationToken.None));
        Assert.Equal((ApiErrorType.Timeout, 503, "query timed out in query execution"), (e.Type, e.StatusCode, e.Message));
    }

    [Fact]
    public void Instant_Limit_TruncatesWithWarning()
    {
        var result = QueryHandlers.Instant(TestBackend.WithData(), Request("query=up&time=30&limit=1"), CancellationToken.None);
        Assert.Equal(1, Data(result).Split("\"metric\"").Length - 1);
        Assert.Equal(["results truncated due to limit"], result.Warnings);
    }

    [Fact]
    public void Instant_RateOverNonCounter_CarriesEngineInfo()
    {
        var result = QueryHandlers.Instant(TestBackend.WithData(), Request("query=rate(up%5B1m%5D)&time=30"), CancellationToken.None);
        Assert.Contains(result.Infos, i => i.StartsWith("PromQL info:", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("query=sum(rate(x%5B5m%5D))by(job)", "sum by (job) (rate(x[5m]))")]
    [InlineData("query=up%7Bjob%3D%22a%22%7D", "up{job=\"a\"}")]
    public void Format_Query_CanonicalText(string query, string expected) =>
        Assert.Equal("\"" + expected.Replace("\"", "\\\"", StringComparison.Ordinal) + "\"", Data(QueryHandlers.Format(Request(query))));

    [Fact]
    public void Format_BadQuery_BadData() =>
        Assert.Equal(ApiErrorType.BadData, Error(() => QueryHandlers.Format(Request("query=sum("))).Type);
}
