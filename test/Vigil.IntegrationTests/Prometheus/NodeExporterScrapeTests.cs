using System.Text.Json.Nodes;
using Vigil.IntegrationTests.Harness;

namespace Vigil.IntegrationTests.Prometheus;

/// <summary><c>vigil prometheus</c> scraping the real Debian node exporter, queried through the API.</summary>
public sealed class NodeExporterScrapeTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Scrape_RealNodeExporter_UpAndCpuSecondsQueryable()
    {
        var exporterAddress = FreePort.NextAddress();
        await using var exporter = ManagedProcess.Start(RequiredProgram.NodeExporter, ["--web.listen-address=" + exporterAddress]);
        var config = $"global:\n  scrape_interval: 1s\n  scrape_timeout: 1s\nscrape_configs:\n  - job_name: node\n    static_configs:\n      - targets: ['{exporterAddress}']\n";
        await using var vigil = await VigilPrometheusServer.StartWithConfigAsync(config);

        await Poll.UntilAsync(async () => await ValueAsync(vigil, "up{job=\"node\"}") == "1", Deadline, "up{job=\"node\"} == 1", () => vigil.Diagnostics() + exporter.Diagnostics());

        var cpu = await QueryAsync(vigil, "count(node_cpu_seconds_total{job=\"node\",instance=\"" + exporterAddress + "\"})");
        Assert.True(int.Parse(cpu[0]!["value"]![1]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture) > 0);
        var scraped = await ValueAsync(vigil, "scrape_samples_scraped{job=\"node\"}");
        Assert.True(double.Parse(scraped!, System.Globalization.CultureInfo.InvariantCulture) > 100, $"scraped {scraped} samples");
    }

    private static async Task<string?> ValueAsync(VigilPrometheusServer vigil, string query)
    {
        var result = await QueryAsync(vigil, query);
        return result.Count == 1 ? result[0]!["value"]![1]!.GetValue<string>() : null;
    }

    private static async Task<JsonArray> QueryAsync(VigilPrometheusServer vigil, string query)
    {
        var body = await vigil.Http.GetStringAsync("/api/v1/query?query=" + Uri.EscapeDataString(query));
        return JsonNode.Parse(body)!["data"]!["result"]!.AsArray();
    }
}
