using System.Diagnostics.Metrics;
using Vigil.Config.Prometheus;
using Vigil.Storage;

namespace Vigil.Scrape.Tests.Loop;

public sealed class ScrapeMetricsTests : IDisposable
{
    private readonly ScrapeMetrics _metrics = new();
    private readonly MeterListener _listener = new();
    private readonly List<(string Name, double Value, string Tags)> _measured = [];

    public ScrapeMetricsTests()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter, _metrics.Meter))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((i, v, tags, _) => Record(i, v, tags));
        _listener.SetMeasurementEventCallback<double>((i, v, tags, _) => Record(i, v, tags));
        _listener.Start();
    }

    public void Dispose()
    {
        _listener.Dispose();
        _metrics.Dispose();
    }

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var text = string.Join(",", tags.ToArray().Select(t => $"{t.Key}={t.Value}"));
        lock (_measured)
        {
            _measured.Add((instrument.Name, value, text));
        }
    }

    /// <summary>A counter's value now (the counters are observable: they report when collected).</summary>
    private double Sum(string name)
    {
        _measured.Clear();
        _listener.RecordObservableInstruments();
        return _measured.Where(m => m.Name == name).Sum(m => m.Value);
    }

    [Theory]
    [InlineData(AppendStatus.OutOfOrder, "prometheus_target_scrapes_sample_out_of_order_total")]
    [InlineData(AppendStatus.OutOfBounds, "prometheus_target_scrapes_sample_out_of_bounds_total")]
    [InlineData(AppendStatus.DuplicateTimestamp, "prometheus_target_scrapes_sample_duplicate_timestamp_total")]
    public async Task ScrapeOnce_StorageRefusesSamples_CountedByReason(AppendStatus refusal, string counter)
    {
        var fixture = new LoopFixture(metrics: _metrics);
        fixture.Storage.Answer = s => s.Name == "refused" ? refusal : AppendStatus.Ok;

        await fixture.ScrapeAsync("refused{a=\"1\"} 1\nrefused{a=\"2\"} 1\nkept 1\n");
        await fixture.ScrapeAsync("refused{a=\"1\"} 1\nkept 1\n");

        Assert.Equal(3, Sum(counter));
        Assert.Equal(0, Sum("prometheus_target_scrapes_exceeded_sample_limit_total"));
    }

    [Fact]
    public async Task ScrapeOnce_SampleLimitExceeded_CountedOncePerScrape()
    {
        var config = LoopFixture.NewConfig() with { Limits = new ScrapeLimits { SampleLimit = 1 } };
        var fixture = new LoopFixture(config, _metrics);

        await fixture.ScrapeAsync("a 1\nb 1\nc 1\n");
        await fixture.ScrapeAsync("a 1\n");

        Assert.Equal(1, Sum("prometheus_target_scrapes_exceeded_sample_limit_total"));
    }

    [Fact]
    public async Task ScrapeOnce_SecondScrape_IntervalObservedWithGoDurationLabel()
    {
        var fixture = new LoopFixture(metrics: _metrics);

        await fixture.ScrapeAsync("a 1\n");
        Assert.DoesNotContain(_measured, m => m.Name == "prometheus_target_interval_length_seconds");
        await fixture.ScrapeAsync("a 1\n");

        var observed = Assert.Single(_measured, m => m.Name == "prometheus_target_interval_length_seconds");
        Assert.Equal((15.0, "interval=15s"), (observed.Value, observed.Tags));
    }
}
