using System.Diagnostics.Metrics;
using Vigil.Api.Metrics;

namespace Vigil.Api.Tests.Metrics;

public sealed class PrometheusExporterTests : IDisposable
{
    // A unique meter name per test instance keeps parallel tests from seeing each other's instruments.
    private readonly string _meterName = "Vigil.Test." + Guid.NewGuid().ToString("N");
    private readonly Meter _meter;
    private readonly PrometheusExporter _exporter;

    public PrometheusExporterTests()
    {
        _exporter = new PrometheusExporter(m => m.Name == _meterName);
        _meter = new Meter(_meterName);
    }

    public void Dispose()
    {
        _meter.Dispose();
        _exporter.Dispose();
    }

    [Fact]
    public void Render_Counter_HasTotalSuffixHelpTypeAndLabels()
    {
        var counter = _meter.CreateCounter<long>("alertmanager_notifications", description: "The total number of attempted notifications.");
        counter.Add(2, new KeyValuePair<string, object?>("integration", "slack"));
        counter.Add(1, new KeyValuePair<string, object?>("integration", "slack"));
        counter.Add(1, new KeyValuePair<string, object?>("integration", "webhook"));
        Assert.Equal(
            "# HELP alertmanager_notifications_total The total number of attempted notifications.\n" +
            "# TYPE alertmanager_notifications_total counter\n" +
            "alertmanager_notifications_total{integration=\"slack\"} 3\n" +
            "alertmanager_notifications_total{integration=\"webhook\"} 1\n",
            _exporter.Render());
    }

    [Fact]
    public void Render_UpDownCounterAndObservableGauge_AreGauges()
    {
        var upDown = _meter.CreateUpDownCounter<int>("vigil_inflight");
        upDown.Add(5);
        upDown.Add(-2);
        _meter.CreateObservableGauge("vigil_temperature", () => 21.5);
        var text = _exporter.Render();
        Assert.Contains("# TYPE vigil_inflight gauge\nvigil_inflight 3\n", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE vigil_temperature gauge\nvigil_temperature 21.5\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Histogram_DefaultBucketsCumulative()
    {
        var h = _meter.CreateHistogram<double>("alertmanager_notification_latency_seconds", description: "Latency.");
        h.Record(0.003);
        h.Record(0.3);
        h.Record(42);
        var text = _exporter.Render();
        Assert.Contains("# TYPE alertmanager_notification_latency_seconds histogram\n", text, StringComparison.Ordinal);
        Assert.Contains("alertmanager_notification_latency_seconds_bucket{le=\"0.005\"} 1\n", text, StringComparison.Ordinal);
        Assert.Contains("alertmanager_notification_latency_seconds_bucket{le=\"0.25\"} 1\n", text, StringComparison.Ordinal);
        Assert.Contains("alertmanager_notification_latency_seconds_bucket{le=\"0.5\"} 2\n", text, StringComparison.Ordinal);
        Assert.Contains("alertmanager_notification_latency_seconds_bucket{le=\"10\"} 2\n", text, StringComparison.Ordinal);
        Assert.Contains("alertmanager_notification_latency_seconds_bucket{le=\"+Inf\"} 3\n", text, StringComparison.Ordinal);
        Assert.Contains("alertmanager_notification_latency_seconds_sum 42.303\n", text, StringComparison.Ordinal);
        Assert.Contains("alertmanager_notification_latency_seconds_count 3\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_LabelValues_AreEscaped()
    {
        _meter.CreateCounter<long>("vigil_things_total").Add(1, new KeyValuePair<string, object?>("path", "a\"b\\c\nd"));
        Assert.Contains("vigil_things_total{path=\"a\\\"b\\\\c\\nd\"} 1\n", _exporter.Render(), StringComparison.Ordinal);
    }

    [Fact]
    public void Render_ObservableSeriesThatVanish_AreDropped()
    {
        var report = true;
        _meter.CreateObservableGauge("vigil_maybe", () => report ? [new Measurement<int>(1)] : Array.Empty<Measurement<int>>());
        Assert.Contains("vigil_maybe 1\n", _exporter.Render(), StringComparison.Ordinal);
        report = false;
        Assert.DoesNotContain("vigil_maybe", _exporter.Render(), StringComparison.Ordinal);
    }

    [Fact]
    public void Render_OtherMeters_AreIgnored()
    {
        using var other = new Meter("Somebody.Else");
        other.CreateCounter<long>("not_ours").Add(1);
        Assert.DoesNotContain("not_ours", _exporter.Render(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1.0, "1")]
    [InlineData(0.1, "0.1")]
    [InlineData(double.PositiveInfinity, "+Inf")]
    [InlineData(double.NaN, "NaN")]
    [InlineData(1e21, "1E+21")]
    public void FormatValue_ParsableByPrometheus(double value, string expected) => Assert.Equal(expected, TextFormat.FormatValue(value));
}
