using Vigil.Api.Metrics;

namespace Vigil.Api.Tests.Metrics;

public sealed class ProcessMetricsTests
{
    [Fact]
    public void Render_ProcessAndBuildInfo_Present()
    {
        using var process = new ProcessMetrics("vigiltest", BuildInfo.Current);
        using var exporter = new PrometheusExporter(m => m.Name == ProcessMetrics.MeterName);
        var text = exporter.Render();
        Assert.Contains("# TYPE process_cpu_seconds_total counter\n", text, StringComparison.Ordinal);
        Assert.Matches(@"\nprocess_resident_memory_bytes \d+\n", text);
        Assert.Matches(@"\nprocess_start_time_seconds \d+(\.\d+)?\n", text);
        Assert.Matches("vigiltest_build_info\\{branch=\"[^\"]*\",goarch=\"[^\"]+\",goos=\"[^\"]+\",goversion=\"[^\"]+\",revision=\"[^\"]*\",tags=\"unknown\",version=\"[^\"]+\"\\} 1\n", text);
    }
}
