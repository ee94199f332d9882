using System.Text.Json.Nodes;
using Vigil.Api.Metrics;
using Vigil.Api.Prometheus;
using static Vigil.Api.Tests.Prometheus.ApiTestKit;

namespace Vigil.Api.Tests.Prometheus;

public sealed class StatusHandlersTests
{
    [Fact]
    public void BuildInfo_Build_UpstreamFieldNames()
    {
        var data = Data(StatusHandlers.BuildInfo(new BuildInfo("1.2.3", "abc", "main", "u", "d", "dotnet10")));
        Assert.Equal("""{"version":"1.2.3","revision":"abc","branch":"main","buildUser":"u","buildDate":"d","goVersion":"dotnet10"}""", data);
    }

    [Fact]
    public void Flags_Values_SortedByName() =>
        Assert.Equal("""{"config.file":"prometheus.yml","web.listen-address":":9090"}""", Data(StatusHandlers.Flags(new TestBackend())));

    [Fact]
    public void RuntimeInfo_Backend_UpstreamFields()
    {
        var data = JsonNode.Parse(Data(StatusHandlers.RuntimeInfo(new TestBackend())))!.AsObject();
        foreach (var field in new[] { "startTime", "CWD", "reloadConfigSuccess", "lastConfigTime", "corruptionCount", "goroutineCount", "GOMAXPROCS", "GOGC", "GODEBUG", "storageRetention" })
        {
            Assert.True(data.ContainsKey(field), field);
        }
        Assert.Equal(("15d", "2023-11-14T22:13:20Z"), (data["storageRetention"]!.GetValue<string>(), data["startTime"]!.GetValue<string>()));
    }

    [Fact]
    public void Metadata_NoScraping_EmptyObject() =>
        Assert.Equal("{}", Data(StatusHandlers.Metadata(Request("metric=up"))));

    [Fact]
    public void Exemplars_ValidQuery_EmptyList() =>
        Assert.Equal("[]", Data(StatusHandlers.Exemplars(Request("query=up&start=0&end=10"))));

    [Theory]
    [InlineData("query=1")]
    [InlineData("query=vector(time())")]
    public void Exemplars_NoSelector_NoContent(string query) =>
        Assert.True(StatusHandlers.Exemplars(Request(query)).IsNoContent);

    [Theory]
    [InlineData("query=rate(up[5m])%20%2B%201")]
    [InlineData("query=up")]
    public void Exemplars_WithSelector_EmptyListNotNoContent(string query) =>
        Assert.False(StatusHandlers.Exemplars(Request(query)).IsNoContent);

    [Theory]
    [InlineData("query=up&start=10&end=0", "end timestamp must not be before start timestamp")]
    [InlineData("query=up%7B", "1:4: parse error: unexpected end of input")]
    public void Exemplars_BadRequest_BadData(string query, string message)
    {
        var e = Error(() => StatusHandlers.Exemplars(Request(query)));
        Assert.Equal(ApiErrorType.BadData, e.Type);
        Assert.StartsWith(message, e.Message, StringComparison.Ordinal);
    }
}
