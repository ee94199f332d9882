using System.Text.Json.Nodes;
using Vigil.IntegrationTests.Harness;

namespace Vigil.IntegrationTests.Prometheus;

/// <summary>
/// Endpoints fed by scraping and alert discovery, compared with the real Prometheus 2.42 on the same
/// config: <c>/api/v1/alertmanagers</c>, <c>/api/v1/targets/metadata</c> and <c>/api/v1/metadata</c>.
/// </summary>
public sealed class ScrapeApiTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Alertmanagers_StaticWithRelabelDrop_SameJsonAsPrometheus242()
    {
        // Nothing listens on these ports: discovery alone decides what the endpoint lists.
        const string Config = """
            alerting:
              alertmanagers:
                - path_prefix: /am
                  static_configs:
                    - targets: ['127.0.0.1:1', '127.0.0.1:2']
                  relabel_configs:
                    - source_labels: [__address__]
                      regex: '127\.0\.0\.1:2'
                      action: drop
            """;
        await using var vigil = await VigilPrometheusServer.StartWithConfigAsync(Config);
        await using var prom = await PrometheusServer.StartAsync(Config);

        var expected = """{"activeAlertmanagers":[{"url":"http://127.0.0.1:1/am/api/v2/alerts"}],"droppedAlertmanagers":[{"url":"http://127.0.0.1:2/am/api/v2/alerts"}]}""";
        var fromPrometheus = await DataWhenAsync(prom.Http, "/api/v1/alertmanagers", d => d["activeAlertmanagers"]!.AsArray().Count > 0, prom);
        var fromVigil = await DataWhenAsync(vigil.Http, "/api/v1/alertmanagers", d => d["activeAlertmanagers"]!.AsArray().Count > 0, vigil);
        Assert.Equal(expected, fromPrometheus.ToJsonString());
        Assert.Equal(expected, fromVigil.ToJsonString());
    }

    private const string MetadataBody = """
        # HELP demo_requests_total Requests served, by code.
        # TYPE demo_requests_total counter
        demo_requests_total{code="200"} 10
        demo_requests_total{code="500"} 1
        # HELP demo_temperature Current temperature.\nIn degrees, with a \\ backslash.
        # TYPE demo_temperature gauge
        demo_temperature 21.5
        # HELP demo_latency_seconds Latency.
        # TYPE demo_latency_seconds histogram
        demo_latency_seconds_bucket{le="0.1"} 1
        demo_latency_seconds_bucket{le="+Inf"} 2
        demo_latency_seconds_sum 0.3
        demo_latency_seconds_count 2
        # TYPE demo_quantiles summary
        demo_quantiles{quantile="0.5"} 1
        demo_quantiles_sum 2
        demo_quantiles_count 2
        # HELP demo_help_only Help without a type.
        demo_help_only 1
        # TYPE demo_untyped untyped
        demo_untyped 1
        # TYPE demo_no_samples gauge
        demo_plain 1

        """;

    [Fact]
    public async Task Metadata_ScrapedHelpAndType_SameAsPrometheus242()
    {
        var port = FreePort.Next();
        await using var target = await MetricsTarget.StartAsync(port, MetadataBody);
        var config = $$"""
            global:
              scrape_interval: 1s
            scrape_configs:
              - job_name: meta
                static_configs:
                  - targets: ['127.0.0.1:{{port}}']
            """;
        await using var vigil = await VigilPrometheusServer.StartWithConfigAsync(config);
        await using var prom = await PrometheusServer.StartAsync(config);

        foreach (var path in new[] { "/api/v1/targets/metadata?match_target={job=\"meta\"}", "/api/v1/targets/metadata?metric=demo_temperature", "/api/v1/metadata", "/api/v1/metadata?metric=demo_requests_total" })
        {
            static bool Scraped(JsonNode d) => d is JsonArray { Count: > 0 } or JsonObject { Count: > 0 };
            var fromPrometheus = Sorted(await DataWhenAsync(prom.Http, path, Scraped, prom));
            var fromVigil = Sorted(await DataWhenAsync(vigil.Http, path, Scraped, vigil));
            // Objects compare without regard to key order: 2.42 writes help before unit in /metadata, today's upstream (and Vigil) after.
            Assert.True(JsonNode.DeepEquals(fromPrometheus, fromVigil), $"{path}\nPrometheus 2.42: {fromPrometheus.ToJsonString()}\nVigil: {fromVigil.ToJsonString()}");
        }
        var (_, entries) = await vigil.ApiAsync("/api/v1/targets/metadata?metric=demo_temperature");
        Assert.Equal("Current temperature.\nIn degrees, with a \\ backslash.", entries["data"]![0]!["help"]!.GetValue<string>());
        await ScrapeMetricsAgreeAsync(prom, vigil);
    }

    /// <summary>The scrape manager's own series exist on both sides with the same names and labels.</summary>
    private static async Task ScrapeMetricsAgreeAsync(PrometheusServer prom, VigilPrometheusServer vigil)
    {
        string[] series =
        [
            "# TYPE prometheus_target_interval_length_seconds summary",
            "prometheus_target_interval_length_seconds{interval=\"1s\",quantile=\"0.99\"}",
            "prometheus_target_interval_length_seconds_count{interval=\"1s\"}",
            "prometheus_target_scrape_pool_targets{scrape_job=\"meta\"} 1",
            "prometheus_sd_discovered_targets{config=\"meta\",name=\"scrape\"} 1",
            "prometheus_target_scrape_pools_total 1",
            "prometheus_target_scrapes_exceeded_sample_limit_total 0",
            "prometheus_target_scrapes_sample_duplicate_timestamp_total 0",
            "prometheus_target_scrapes_sample_out_of_order_total 0",
            "prometheus_target_scrapes_sample_out_of_bounds_total 0",
        ];
        foreach (var server in new ServerProcess[] { prom, vigil })
        {
            var text = "";
            await Poll.UntilAsync(async () =>
            {
                text = await server.Http.GetStringAsync("/metrics");
                return text.Contains(series[2], StringComparison.Ordinal);
            }, Deadline, $"{server.Name}: a second scrape (interval observed)", server.Diagnostics);
            Assert.All(series, s => Assert.Contains(s, text, StringComparison.Ordinal));
        }
    }

    /// <summary>Target entries sorted by family: upstream lists them in map order.</summary>
    private static JsonNode Sorted(JsonNode data) => data is JsonArray array
        ? new JsonArray([.. array.OrderBy(e => e!["metric"]?.GetValue<string>(), StringComparer.Ordinal).Select(e => e!.DeepClone())])
        : data;

    private static async Task<JsonNode> DataWhenAsync(HttpClient http, string path, Func<JsonNode, bool> ready, ServerProcess server)
    {
        JsonNode data = new JsonObject();
        await Poll.UntilAsync(async () =>
        {
            data = JsonNode.Parse(await http.GetStringAsync(path))!["data"]!;
            return ready(data);
        }, Deadline, $"{server.Name}: {path}", server.Diagnostics);
        return data;
    }
}
