using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Vigil.Api.Tests.Prometheus;
using Vigil.IntegrationTests.Harness;

namespace Vigil.IntegrationTests.Prometheus;

/// <summary>
/// <c>/federate</c> scraped by the real Prometheus 2.42, and the status and filter endpoints of the
/// published binary (<c>/status/config</c>, <c>/status/tsdb</c>, <c>/status/walreplay</c>,
/// <c>/scrape_pools</c>, <c>/targets?state=</c>, <c>/rules?type=</c>, <c>/query_exemplars</c>).
/// </summary>
public sealed class FederationAndStatusTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Federate_ScrapedByPrometheus242_SeriesArriveWithTimestampAndExternalLabels()
    {
        await using var vigil = await VigilPrometheusServer.StartAsync();
        var ts = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - 1000;
        using (var write = await vigil.WriteAsync([new RemoteWriteEncoder.Series([("__name__", "fed_metric"), ("job", "src"), ("instance", "x:1")], [(ts, 42)])]))
        {
            Assert.Equal(HttpStatusCode.NoContent, write.StatusCode);
        }
        var config = $$"""
            global:
              scrape_interval: 1s
            scrape_configs:
              - job_name: federate
                honor_labels: true
                metrics_path: /federate
                params:
                  'match[]': ['{__name__="fed_metric"}']
                static_configs:
                  - targets: ['{{vigil.ListenAddress}}']
            """;
        await using var prom = await PrometheusServer.StartAsync(config);
        JsonArray result = [];
        await Poll.UntilAsync(async () =>
        {
            var body = JsonNode.Parse(await prom.Http.GetStringAsync("/api/v1/query?query=timestamp(fed_metric)"))!;
            result = body["data"]!["result"]!.AsArray();
            return result.Count > 0;
        }, Deadline, "Prometheus 2.42 to scrape fed_metric from Vigil's /federate", () => prom.Diagnostics() + vigil.Diagnostics());
        var metric = result[0]!["metric"]!;
        Assert.Equal(("src", "x:1", "it"), (metric["job"]!.GetValue<string>(), metric["instance"]!.GetValue<string>(), metric["site"]!.GetValue<string>()));
        Assert.Equal((ts / 1000.0).ToString(CultureInfo.InvariantCulture), result[0]!["value"]![1]!.GetValue<string>());
        var targets = JsonNode.Parse(await prom.Http.GetStringAsync("/api/v1/targets"))!["data"]!["activeTargets"]![0]!;
        Assert.Equal("up", targets["health"]!.GetValue<string>());
    }

    [Fact]
    public async Task StatusEndpoints_PublishedBinary_UpstreamShapes()
    {
        await using var vigil = await VigilPrometheusServer.StartAsync();
        var ts = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - 1000;
        using (var write = await vigil.WriteAsync([new RemoteWriteEncoder.Series([("__name__", "m"), ("job", "a")], [(ts, 1)]), new RemoteWriteEncoder.Series([("__name__", "m"), ("job", "b")], [(ts, 2)])]))
        {
            Assert.Equal(HttpStatusCode.NoContent, write.StatusCode);
        }

        var (status, config) = await vigil.ApiAsync("/api/v1/status/config");
        Assert.Equal(200, status);
        Assert.Contains("site: it", config["data"]!["yaml"]!.GetValue<string>(), StringComparison.Ordinal);

        var (_, tsdb) = await vigil.ApiAsync("/api/v1/status/tsdb?limit=1");
        Assert.Equal(2, tsdb["data"]!["headStats"]!["numSeries"]!.GetValue<long>());
        Assert.Equal("""[{"name":"m","value":2}]""", tsdb["data"]!["seriesCountByMetricName"]!.ToJsonString());

        var (_, wal) = await vigil.ApiAsync("/api/v1/status/walreplay");
        Assert.Equal("""{"min":0,"max":0,"current":0}""", wal["data"]!.ToJsonString());

        var (_, pools) = await vigil.ApiAsync("/api/v1/scrape_pools");
        Assert.Equal("""{"scrapePools":[]}""", pools["data"]!.ToJsonString());

        var (_, targets) = await vigil.ApiAsync("/api/v1/targets?state=active");
        Assert.Equal("""{"activeTargets":[],"droppedTargets":[],"droppedTargetCounts":null}""", targets["data"]!.ToJsonString());

        var (badStatus, bad) = await vigil.ApiAsync("/api/v1/rules?type=both");
        Assert.Equal((400, "bad_data"), (badStatus, bad["errorType"]!.GetValue<string>()));

        using var exemplars = await vigil.Http.GetAsync("/api/v1/query_exemplars?query=1");
        Assert.Equal(HttpStatusCode.NoContent, exemplars.StatusCode);
    }
}
