using System.Net;
using Vigil.Api.Tests.Prometheus;
using Vigil.IntegrationTests.Harness;

namespace Vigil.IntegrationTests.Prometheus;

/// <summary>
/// Native histograms between the published <c>vigil prometheus</c> and Prometheus 2.42 (native histograms enabled):
/// Vigil remote-writes histograms it received to 2.42, and Vigil remote-reads 2.42's histograms (2.42 streams them as
/// its own histogram chunks); in both cases the same queries (raw, histogram_count, histogram_sum) answer alike on both.
/// 2.42 cannot remote-read histograms itself (its client and SAMPLES answers carry floats only), so that direction is
/// covered by Vigil-to-Vigil unit tests. 2.42's remote read answers 500 for a range that cuts a head chunk of a gauge
/// histogram or of a counter that reset, so the read direction uses monotonic counters only.
/// </summary>
public sealed class NativeHistogramRemoteTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    // Left out as they differ whatever the transport: histogram_quantile (2.42 interpolates linearly inside a native
    // histogram's bucket, today's upstream and Vigil exponentially) and rate over histograms (last-bit differences,
    // e.g. 0.4 against 0.39999999999999997, from a different order of the float operations).
    private static readonly string[] ExtraQueries = [];

    private static async Task<List<string>> CompareAllAsync(HttpClient real, HttpClient ours)
    {
        var differences = new List<string>();
        var withBuckets = 0;
        var start = NativeHistogramRemoteWriteTests.Start;
        var end = start + ((NativeHistogramRemoteWriteTests.Samples - 1) * NativeHistogramRemoteWriteTests.Step);
        foreach (var query in NativeHistogramRemoteWriteTests.Queries.Concat(ExtraQueries))
        {
            for (var i = 0; i < NativeHistogramRemoteWriteTests.Samples; i += 3)
            {
                var t = start + (i * NativeHistogramRemoteWriteTests.Step) + 7000;
                var (d, b) = await HistogramAnswers.CompareAsync(real, ours, $"/api/v1/query?query={Uri.EscapeDataString(query)}&time={NativeHistogramRemoteWriteTests.Seconds(t)}");
                differences.AddRange(d);
                withBuckets += b ? 1 : 0;
            }
            var (rd, rb) = await HistogramAnswers.CompareAsync(real, ours,
                $"/api/v1/query_range?query={Uri.EscapeDataString(query)}&start={NativeHistogramRemoteWriteTests.Seconds(start)}&end={NativeHistogramRemoteWriteTests.Seconds(end)}&step=10");
            differences.AddRange(rd);
            withBuckets += rb ? 1 : 0;
        }
        Assert.True(withBuckets >= 10, $"only {withBuckets} answers held histogram buckets: the comparison would prove little");
        return differences;
    }

    [Fact]
    public async Task RemoteWriteSend_HistogramsVigilReceived_PrometheusAnswersAlike()
    {
        await using var prometheus = await PrometheusServer.StartAsync(
            "global: {}\n", extraArgs: ["--web.enable-remote-write-receiver", "--enable-feature=native-histograms"]);
        var config = $"""
            remote_write:
              - url: {prometheus.BaseUrl}/api/v1/write
                name: nh
                send_native_histograms: true
                queue_config:
                  batch_send_deadline: 1s
            """;
        await using var vigil = await VigilPrometheusServer.StartWithConfigAsync(config);
        var data = NativeHistogramRemoteWriteTests.DataSet();
        using (var written = await vigil.WriteAsync(data))
        {
            Assert.Equal(HttpStatusCode.NoContent, written.StatusCode);
        }
        var expected = data.Sum(s => s.Histograms.Count);

        await Poll.UntilAsync(async () => (await vigil.Http.GetStringAsync("/metrics")).Contains($"prometheus_remote_storage_histograms_total{{remote_name=\"nh\",url=\"{prometheus.BaseUrl}/api/v1/write\"}} {expected}", StringComparison.Ordinal),
            Deadline, "every histogram to be sent", () => vigil.Diagnostics());

        var differences = await CompareAllAsync(prometheus.Http, vigil.Http);
        Assert.True(differences.Count == 0, string.Join("\n", differences.Take(20)));
    }

    [Fact]
    public async Task VigilRemoteReadsPrometheus_HistogramChunksDecoded_AnswersAlike()
    {
        await using var prometheus = await PrometheusServer.StartAsync(
            "global: {}\n", extraArgs: ["--web.enable-remote-write-receiver", "--enable-feature=native-histograms"]);
        await NativeHistogramRemoteWriteTests.WriteAsync(prometheus.Http, RemoteWriteEncoder.Encode(NativeHistogramRemoteWriteTests.DataSet(monotonicOnly: true)), prometheus.Name);
        var config = $"""
            remote_read:
              - url: {prometheus.BaseUrl}/api/v1/read
                name: prom
            """;
        await using var vigil = await VigilPrometheusServer.StartWithConfigAsync(config);

        var differences = await CompareAllAsync(prometheus.Http, vigil.Http);
        Assert.True(differences.Count == 0, string.Join("\n", differences.Take(20)));
        var (_, answer) = await vigil.ApiAsync("/api/v1/query?query=nh_latency&time=" + NativeHistogramRemoteWriteTests.Seconds(NativeHistogramRemoteWriteTests.Start + 60_000));
        Assert.Null(answer["warnings"]);
        var metrics = await vigil.Http.GetStringAsync("/metrics");
        var counted = metrics.Split('\n').Where(l => l.StartsWith("prometheus_remote_read_client_queries_total{", StringComparison.Ordinal)).ToList();
        Assert.Contains(counted, l => l.Contains("remote_name=\"prom\"", StringComparison.Ordinal) && l.Contains("response_type=\"chunked\"", StringComparison.Ordinal));
    }
}
