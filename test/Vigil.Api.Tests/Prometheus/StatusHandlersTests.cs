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
}
