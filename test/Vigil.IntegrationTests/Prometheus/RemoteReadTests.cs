using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Vigil.Api.Tests.Prometheus;
using Vigil.IntegrationTests.Harness;

namespace Vigil.IntegrationTests.Prometheus;

/// <summary>Remote read both ways between the published <c>vigil prometheus</c> and the real Prometheus 2.42.</summary>
public sealed class RemoteReadTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    /// <summary>Three series of 20 samples each, 15 s apart, ending a minute ago.</summary>
    private static List<RemoteWriteEncoder.Series> Data(string metric, long now) =>
    [
        .. Enumerable.Range(0, 3).Select(i => new RemoteWriteEncoder.Series(
            [("__name__", metric), ("job", "rr"), ("instance", $"i{i}")],
            [.. Enumerable.Range(0, 20).Select(k => (now - 60_000 - ((19 - k) * 15_000L), (double)((i * 100) + k)))])),
    ];

    private static async Task<JsonObject> GetAsync(ServerProcess server, string pathAndQuery)
    {
        var text = await server.Http.GetStringAsync(pathAndQuery);
        return JsonNode.Parse(text)!.AsObject();
    }

    /// <summary>
    /// A range query over the last 400 s at a 7 s step, starting half a second off the 15 s sample grid.
    /// </summary>
    /// <remarks>
    /// On the grid, every 15th step has a 1m window starting exactly on a sample: Prometheus 2.42's range windows
    /// include their left end, today's upstream's (and Vigil's) exclude it, so there 2.42's <c>rate</c> sees one sample
    /// more (a value where Vigil has none, or the same rate differing in the last bit). That, not the extrapolation
    /// difference at a counter's first sample, is why <c>rate</c> differed; off the grid no window starts on a sample
    /// and every step compares exactly.
    /// </remarks>
    private static string RangeQuery(string promql, long now) =>
        string.Create(CultureInfo.InvariantCulture, $"/api/v1/query_range?query={Uri.EscapeDataString(promql)}&start={(now - 400_000 + 500) / 1000.0:F3}&end={now / 1000.0:F3}&step=7");

    private static async Task WriteToPrometheusAsync(PrometheusServer prometheus, IEnumerable<RemoteWriteEncoder.Series> series)
    {
        using var content = new ByteArrayContent(RemoteWriteEncoder.Encode(series));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-protobuf");
        content.Headers.ContentEncoding.Add("snappy");
        using var response = await prometheus.Http.PostAsync("/api/v1/write", content);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    /// <summary>A matrix result as "labels => values" lines, sorted, with the given labels removed.</summary>
    private static List<string> Lines(JsonObject body, params string[] drop) =>
    [
        .. body["data"]!["result"]!.AsArray().Select(series =>
        {
            var metric = series!["metric"]!.AsObject().Where(kv => !drop.Contains(kv.Key)).OrderBy(kv => kv.Key, StringComparer.Ordinal);
            var values = series["values"]!.AsArray().Select(v => $"{v![0]}:{v[1]}");
            return $"{string.Join(",", metric.Select(kv => $"{kv.Key}={kv.Value}"))} => {string.Join(" ", values)}";
        }).Order(StringComparer.Ordinal),
    ];

    [Fact]
    public async Task PrometheusRemoteReadsVigil_QueryThroughPrometheusEqualsQueryOnVigil()
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        await using var vigil = await VigilPrometheusServer.StartWithConfigAsync("global:\n  external_labels:\n    site: vigil\n");
        using (var written = await vigil.WriteAsync(Data("rr_vigil_metric", now)))
        {
            Assert.Equal(HttpStatusCode.NoContent, written.StatusCode);
        }
        var config = $"""
            global:
              scrape_interval: 1h
            remote_read:
              - url: {vigil.BaseUrl}/api/v1/read
                read_recent: true
            """;
        await using var prometheus = await PrometheusServer.StartAsync(config);

        foreach (var promql in new[] { "rr_vigil_metric", "rate(rr_vigil_metric[1m])", "max_over_time(rr_vigil_metric[1m])", "sum by (instance) (rr_vigil_metric{instance!=\"i1\"})" })
        {
            var fromVigil = Lines(await GetAsync(vigil, RangeQuery(promql, now)));
            var throughPrometheus = Lines(await GetAsync(prometheus, RangeQuery(promql, now)), "site");
            Assert.NotEmpty(fromVigil);
            Assert.Equal(fromVigil, throughPrometheus);
        }
        // Vigil's external label is added to what it serves, as upstream's handler adds it.
        var raw = await GetAsync(prometheus, "/api/v1/query?query=" + Uri.EscapeDataString("count by (site) (rr_vigil_metric)") + $"&time={(now - 60_000) / 1000}");
        Assert.Equal("vigil", raw["data"]!["result"]![0]!["metric"]!["site"]!.GetValue<string>());
    }

    [Fact]
    public async Task VigilRemoteReadsPrometheus_QueriesIncludeRemoteDataAndWarnForDeadRemote()
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        await using var prometheus = await PrometheusServer.StartAsync("global:\n  scrape_interval: 1h\n", extraArgs: ["--web.enable-remote-write-receiver"]);
        await WriteToPrometheusAsync(prometheus, Data("rr_prom_metric", now));
        var config = $"""
            remote_read:
              - url: {prometheus.BaseUrl}/api/v1/read
              - url: http://{FreePort.NextAddress()}/api/v1/read
                name: dead
                remote_timeout: 5s
            """;
        await using var vigil = await VigilPrometheusServer.StartWithConfigAsync(config);
        // Local data of another series lands beside the remote ones.
        using (var written = await vigil.WriteAsync(Data("rr_local_metric", now)))
        {
            Assert.Equal(HttpStatusCode.NoContent, written.StatusCode);
        }

        var fromPrometheus = Lines(await GetAsync(prometheus, RangeQuery("rr_prom_metric", now)));
        var viaVigil = await GetAsync(vigil, RangeQuery("rr_prom_metric", now));
        Assert.Equal(fromPrometheus, Lines(viaVigil));
        Assert.Equal(3, fromPrometheus.Count);
        var warning = Assert.Single(viaVigil["warnings"]!.AsArray())!.GetValue<string>();
        Assert.StartsWith("remote_read: error sending request: Post \"http://", warning, StringComparison.Ordinal);

        var both = await GetAsync(vigil, "/api/v1/query?query=" + Uri.EscapeDataString("count({__name__=~\"rr_.*_metric\"})") + $"&time={(now - 60_000) / 1000}");
        Assert.Equal("6", both["data"]!["result"]![0]!["value"]![1]!.GetValue<string>());
        var series = await GetAsync(vigil, "/api/v1/series?match[]=rr_prom_metric");
        Assert.Equal(3, series["data"]!.AsArray().Count);
        Assert.Equal("success", series["status"]!.GetValue<string>());
    }
}
