using System.Diagnostics.Metrics;
using Microsoft.Extensions.Time.Testing;
using Vigil.Api.Metrics;
using Vigil.Config.Prometheus;
using Vigil.Model.Relabel;
using Vigil.Scrape;

namespace Vigil.Api.Tests.Metrics;

public sealed class SummaryExportTests : IDisposable
{
    private readonly Meter _meter = new("Vigil.Test." + Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly PrometheusExporter _exporter;

    public SummaryExportTests()
    {
        _exporter = new PrometheusExporter(m => ReferenceEquals(m, _meter), _time);
    }

    public void Dispose()
    {
        _exporter.Dispose();
        _meter.Dispose();
    }

    private Histogram<double> Summary(params double[] quantiles) =>
        _meter.CreateHistogram<double>("demo_seconds", "s", "Demo.", [new(PrometheusExporter.SummaryQuantilesTag, quantiles)]);

    [Fact]
    public void Render_Summary_QuantilesSumAndCountInClientGolangLayout()
    {
        var summary = Summary(0.01, 0.5, 0.99);
        for (var v = 1; v <= 100; v++)
        {
            summary.Record(v, new KeyValuePair<string, object?>("interval", "15s"));
        }

        Assert.Equal(
            "# HELP demo_seconds Demo.\n" +
            "# TYPE demo_seconds summary\n" +
            "demo_seconds{interval=\"15s\",quantile=\"0.01\"} 1\n" +
            "demo_seconds{interval=\"15s\",quantile=\"0.5\"} 50\n" +
            "demo_seconds{interval=\"15s\",quantile=\"0.99\"} 99\n" +
            "demo_seconds_sum{interval=\"15s\"} 5050\n" +
            "demo_seconds_count{interval=\"15s\"} 100\n",
            _exporter.Render());
    }

    [Fact]
    public void Render_ObservationsOlderThanTenMinutes_LeaveQuantilesButNotSumAndCount()
    {
        var summary = Summary(0.5);
        summary.Record(100);
        _time.Advance(TimeSpan.FromMinutes(5));
        summary.Record(1);
        Assert.Contains("demo_seconds{quantile=\"0.5\"} 1\n", _exporter.Render(), StringComparison.Ordinal);

        _time.Advance(TimeSpan.FromMinutes(6));
        Assert.Contains("demo_seconds{quantile=\"0.5\"} 1\n", _exporter.Render(), StringComparison.Ordinal);

        _time.Advance(TimeSpan.FromMinutes(6));
        var text = _exporter.Render();
        Assert.Contains("demo_seconds{quantile=\"0.5\"} NaN\n", text, StringComparison.Ordinal);
        Assert.Contains("demo_seconds_sum 101\ndemo_seconds_count 2\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_ScrapeManagerPools_TargetsAndDiscoveredPerJob()
    {
        await using var manager = new ScrapeManager(() => throw new InvalidOperationException("no scrape expected"), new HttpClient(), _time);
        using var exporter = new PrometheusExporter(m => ReferenceEquals(m, manager.Metrics.Meter), _time);
        var dropSecond = new RelabelConfig { SourceLabels = ["__address__"], Regex = "h2:1", Action = RelabelAction.Drop };

        await manager.ApplyAsync([Job("a", [dropSecond], "h1:1", "h2:1"), Job("b", [], "h3:1")]);
        await manager.ApplyAsync([Job("a", [dropSecond], "h1:1", "h2:1"), Job("b", [], "h3:1")]);
        var text = exporter.Render();

        Assert.Contains("prometheus_target_scrape_pool_targets{scrape_job=\"a\"} 1\nprometheus_target_scrape_pool_targets{scrape_job=\"b\"} 1\n", text, StringComparison.Ordinal);
        Assert.Contains("prometheus_sd_discovered_targets{config=\"a\",name=\"scrape\"} 2\nprometheus_sd_discovered_targets{config=\"b\",name=\"scrape\"} 1\n", text, StringComparison.Ordinal);
        Assert.Contains("prometheus_target_scrape_pools_total 2\n", text, StringComparison.Ordinal);
        Assert.Contains("prometheus_target_scrapes_sample_out_of_order_total 0\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_FileDiscoveryWithBrokenFile_ReadErrorCountedAndScanTimed()
    {
        var dir = Directory.CreateTempSubdirectory("vigil-sd-metrics-").FullName;
        try
        {
            var good = Path.Combine(dir, "good.json");
            var bad = Path.Combine(dir, "bad.json");
            await File.WriteAllTextAsync(good, """[{"targets":["h1:1"]}]""");
            await File.WriteAllTextAsync(bad, "[{not json");
            await using var manager = new ScrapeManager(() => throw new InvalidOperationException("no scrape expected"), new HttpClient(), _time);
            using var exporter = new PrometheusExporter(m => ReferenceEquals(m, manager.Metrics.Meter), _time);
            var job = Job("files", []) with
            {
                Discovery = new DiscoveryConfigs { Files = [new FileSdConfig([good, bad], TimeSpan.FromMinutes(5))] },
            };

            await manager.ApplyAsync([job]);
            var text = exporter.Render();

            Assert.Contains("prometheus_sd_file_read_errors_total 1\n", text, StringComparison.Ordinal);
            Assert.Contains("# TYPE prometheus_sd_file_scan_duration_seconds summary\n", text, StringComparison.Ordinal);
            Assert.Contains("prometheus_sd_file_scan_duration_seconds_count 1\n", text, StringComparison.Ordinal);
            Assert.Contains("prometheus_sd_discovered_targets{config=\"files\",name=\"scrape\"} 1\n", text, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static ScrapeConfig Job(string name, RelabelConfig[] relabel, params string[] targets) => new()
    {
        JobName = name,
        ScrapeInterval = TimeSpan.FromSeconds(15),
        ScrapeTimeout = TimeSpan.FromSeconds(10),
        RelabelConfigs = relabel,
        Discovery = new DiscoveryConfigs { Static = [new StaticTargetGroup(targets, new Dictionary<string, string>())] },
    };
}
