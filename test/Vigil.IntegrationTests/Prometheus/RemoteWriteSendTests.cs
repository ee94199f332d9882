using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Vigil.Api.Tests.Prometheus;
using Vigil.IntegrationTests.Harness;

namespace Vigil.IntegrationTests.Prometheus;

/// <summary><c>remote_write</c> from the published <c>vigil prometheus</c> into the real Prometheus 2.42's receiver.</summary>
public sealed class RemoteWriteSendTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private static async Task<JsonArray> QueryAsync(ServerProcess server, string promql)
    {
        var text = await server.Http.GetStringAsync("/api/v1/query?query=" + Uri.EscapeDataString(promql));
        return JsonNode.Parse(text)!["data"]!["result"]!.AsArray();
    }

    [Fact]
    public async Task Scrape_WithRemoteWrite_SeriesArriveInPrometheusWithExternalLabelsAndRelabelling()
    {
        await using var prometheus = await PrometheusServer.StartAsync("global:\n  scrape_interval: 1h\n", extraArgs: ["--web.enable-remote-write-receiver"]);
        var config = $"""
            global:
              scrape_interval: 1s
              external_labels:
                site: vigil-it
            scrape_configs:
              - job_name: prom
                static_configs:
                  - targets: ['{prometheus.ListenAddress}']
            remote_write:
              - url: {prometheus.BaseUrl}/api/v1/write
                name: to-prom
                queue_config:
                  batch_send_deadline: 1s
                write_relabel_configs:
                  - source_labels: [__name__]
                    regex: up|scrape_duration_seconds
                    action: keep
            """;
        await using var vigil = await VigilPrometheusServer.StartWithConfigAsync(config);

        await Poll.UntilAsync(async () => (await QueryAsync(prometheus, "up{job=\"prom\",site=\"vigil-it\"} == 1")).Count == 1, Deadline,
            "up from Vigil's scrape to reach Prometheus", () => vigil.Diagnostics());

        var names = (await QueryAsync(prometheus, "count by (__name__) ({site=\"vigil-it\"})")).Select(r => r!["metric"]!["__name__"]!.GetValue<string>()).Order().ToList();
        Assert.Equal(["scrape_duration_seconds", "up"], names);
        var metrics = await vigil.Http.GetStringAsync("/metrics");
        Assert.Contains("prometheus_remote_storage_samples_total{remote_name=\"to-prom\"", metrics, StringComparison.Ordinal);
        Assert.Contains("prometheus_remote_storage_samples_dropped_total{remote_name=\"to-prom\"", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EndpointDownThenUp_AcknowledgedSamplesDeliveredAfterRetries()
    {
        var futureAddress = FreePort.NextAddress();
        var config = $"""
            global:
              external_labels:
                site: retry-it
            remote_write:
              - url: http://{futureAddress}/api/v1/write
                queue_config:
                  batch_send_deadline: 1s
                  min_backoff: 100ms
                  max_backoff: 500ms
            """;
        await using var vigil = await VigilPrometheusServer.StartWithConfigAsync(config);
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        for (var batch = 0; batch < 3; batch++)
        {
            var series = Enumerable.Range(0, 50).Select(i => new RemoteWriteEncoder.Series(
                [("__name__", "retry_metric"), ("series", i.ToString(CultureInfo.InvariantCulture))], [(now - ((3 - batch) * 10_000), i + batch)]));
            using var response = await vigil.WriteAsync(series);
            Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        }
        await Poll.UntilAsync(async () => (await vigil.Http.GetStringAsync("/metrics")).Contains("prometheus_remote_storage_samples_retried_total{", StringComparison.Ordinal),
            Deadline, "a failed send to be retried", () => vigil.Diagnostics());

        await using var prometheus = await PrometheusServer.StartAsync("global:\n  scrape_interval: 1h\n", extraArgs: ["--web.enable-remote-write-receiver"], address: futureAddress);

        await Poll.UntilAsync(async () => await CountAsync(prometheus) == 150, Deadline, "all 150 samples in Prometheus",
            () => vigil.Diagnostics() + prometheus.Diagnostics());
        Assert.Contains("Failed to send batch, retrying", vigil.Diagnostics(), StringComparison.Ordinal);
    }

    private static async Task<int> CountAsync(PrometheusServer prometheus)
    {
        var result = await QueryAsync(prometheus, "sum(count_over_time(retry_metric{site=\"retry-it\"}[5m]))");
        return result.Count == 0 ? 0 : int.Parse(result[0]!["value"]![1]!.GetValue<string>(), CultureInfo.InvariantCulture);
    }
}
