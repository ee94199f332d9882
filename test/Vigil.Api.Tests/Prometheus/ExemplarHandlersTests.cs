using Vigil.Api.Prometheus;
using Vigil.Model.Labels;
using Vigil.Storage.Exemplars;
using Vigil.Tsdb.Exemplars;
using static Vigil.Api.Tests.Prometheus.ApiTestKit;

namespace Vigil.Api.Tests.Prometheus;

public sealed class ExemplarHandlersTests
{
    private static readonly LabelSet Requests = LabelSet.Of("__name__", "http_requests_total", "job", "api");
    private static readonly LabelSet Latency = LabelSet.Of("__name__", "latency_bucket", "job", "api", "le", "0.5");

    private static CircularExemplarStore Store()
    {
        var store = new CircularExemplarStore(10);
        store.Add(Requests, new Exemplar(LabelSet.Of("trace_id", "a"), 1, 1_000));
        store.Add(Requests, new Exemplar(LabelSet.Of("trace_id", "b"), 2.5, 2_500));
        store.Add(Latency, new Exemplar(LabelSet.Of("trace_id", "c"), 0.25, 3_000));
        return store;
    }

    [Fact]
    public void Exemplars_NoStorage_EmptyList() =>
        Assert.Equal("[]", Data(ExemplarHandlers.Exemplars(null, Request("query=up&start=0&end=10"))));

    [Theory]
    [InlineData("query=http_requests_total&start=0&end=10",
        """[{"seriesLabels":{"__name__":"http_requests_total","job":"api"},"exemplars":[{"labels":{"trace_id":"a"},"value":"1","timestamp":1},{"labels":{"trace_id":"b"},"value":"2.5","timestamp":2.500}]}]""")]
    [InlineData("query=http_requests_total&start=2&end=10",
        """[{"seriesLabels":{"__name__":"http_requests_total","job":"api"},"exemplars":[{"labels":{"trace_id":"b"},"value":"2.5","timestamp":2.500}]}]""")]
    [InlineData("query=histogram_quantile(0.9,rate(latency_bucket[5m]))&start=0&end=3",
        """[{"seriesLabels":{"__name__":"latency_bucket","job":"api","le":"0.5"},"exemplars":[{"labels":{"trace_id":"c"},"value":"0.25","timestamp":3}]}]""")]
    [InlineData("query=http_requests_total&start=5&end=10", "[]")]
    [InlineData("query=nothing_here", "[]")]
    public void Exemplars_Selectors_UpstreamShape(string query, string expected) =>
        Assert.Equal(expected, Data(ExemplarHandlers.Exemplars(Store(), Request(query))));

    [Fact]
    public void Exemplars_TwoSelectors_BothSeriesSortedByLabels()
    {
        var data = Data(ExemplarHandlers.Exemplars(Store(), Request("query=latency_bucket%20%2B%20on()%20http_requests_total")));
        Assert.StartsWith("""[{"seriesLabels":{"__name__":"http_requests_total",""", data, StringComparison.Ordinal);
        Assert.Contains("\"latency_bucket\"", data, StringComparison.Ordinal);
    }

    [Fact]
    public void Exemplars_DefaultRange_Everything() =>
        Assert.Contains("\"trace_id\":\"a\"", Data(ExemplarHandlers.Exemplars(Store(), Request("query=%7Bjob%3D%22api%22%7D"))), StringComparison.Ordinal);

    [Theory]
    [InlineData("query=1")]
    [InlineData("query=vector(time())")]
    public void Exemplars_NoSelector_NoContent(string query) =>
        Assert.True(ExemplarHandlers.Exemplars(Store(), Request(query)).IsNoContent);

    [Theory]
    [InlineData("query=rate(up[5m])%20%2B%201")]
    [InlineData("query=up")]
    public void Exemplars_WithSelector_ListNotNoContent(string query) =>
        Assert.False(ExemplarHandlers.Exemplars(null, Request(query)).IsNoContent);

    [Theory]
    [InlineData("query=up&start=10&end=0", "end timestamp must not be before start timestamp")]
    [InlineData("query=up%7B", "1:4: parse error: unexpected end of input")]
    [InlineData("query=up&start=yesterday", "invalid parameter \"start\"")]
    public void Exemplars_BadRequest_BadData(string query, string message)
    {
        var e = Error(() => ExemplarHandlers.Exemplars(null, Request(query)));
        Assert.Equal(ApiErrorType.BadData, e.Type);
        Assert.StartsWith(message, e.Message, StringComparison.Ordinal);
    }
}
