using System.Diagnostics.Metrics;
using Vigil.Storage.Exemplars;

namespace Vigil.Scrape.Tests.Loop;

public sealed class ScrapeExemplarTests : IDisposable
{
    private const string OpenMetrics = "application/openmetrics-text; version=1.0.0";
    private readonly ScrapeMetrics _metrics = new();

    public void Dispose() => _metrics.Dispose();

    private LoopFixture Fixture()
    {
        var fixture = new LoopFixture(metrics: _metrics);
        fixture.Exporter.ContentType = OpenMetrics;
        return fixture;
    }

    [Fact]
    public async Task ScrapeOnce_ExemplarWithTimestamp_AppendedForItsSeries()
    {
        var fixture = Fixture();
        await fixture.ScrapeAsync("# TYPE rq counter\nrq_total{code=\"200\"} 5 # {trace_id=\"abc\"} 0.5 1767225500.5\n# EOF\n");
        var (series, exemplar) = Assert.Single(fixture.Storage.Exemplars);
        Assert.Equal(LoopFixture.Series("rq_total", "code", "200"), series);
        Assert.Equal(new Exemplar(Model.Labels.LabelSet.Of("trace_id", "abc"), 0.5, 1767225500500), exemplar);
    }

    [Fact]
    public async Task ScrapeOnce_ExemplarWithoutTimestamp_GetsScrapeTime()
    {
        var fixture = Fixture();
        await fixture.ScrapeAsync("# TYPE rq counter\nrq_total 5 # {trace_id=\"abc\"} 1\n# EOF\n");
        var exemplar = Assert.Single(fixture.Storage.Exemplars).Exemplar;
        Assert.Equal((LoopFixture.Start.ToUnixTimeMilliseconds(), false), (exemplar.Timestamp, exemplar.HasTimestamp));
    }

    [Fact]
    public async Task ScrapeOnce_HonoredSampleTimestamp_ExemplarTakesIt()
    {
        var fixture = Fixture();
        await fixture.ScrapeAsync("# TYPE rq counter\nrq_total 5 1767225000 # {trace_id=\"abc\"} 1\n# EOF\n");
        Assert.Equal(1767225000000, Assert.Single(fixture.Storage.Exemplars).Exemplar.Timestamp);
    }

    [Fact]
    public async Task ScrapeOnce_PrometheusText_NoExemplars()
    {
        var fixture = Fixture();
        fixture.Exporter.ContentType = "text/plain; version=0.0.4";
        await fixture.ScrapeAsync("rq_total 5\n");
        Assert.Empty(fixture.Storage.Exemplars);
    }

    [Theory]
    [InlineData(ExemplarStatus.OutOfOrder, 1)]
    [InlineData(ExemplarStatus.LabelSetTooLong, 0)]
    [InlineData(ExemplarStatus.Disabled, 0)]
    public async Task ScrapeOnce_ExemplarRefused_ScrapeStillUpAndOutOfOrderCounted(ExemplarStatus refusal, int counted)
    {
        var fixture = Fixture();
        fixture.Storage.ExemplarAnswer = _ => refusal;
        var health = await fixture.ScrapeAsync("# TYPE rq counter\nrq_total 5 # {trace_id=\"abc\"} 1 1767225500\n# EOF\n");
        Assert.Equal(Scrape.Loop.HealthState.Up, health.Health);
        Assert.Equal(5, fixture.Storage.Last("rq_total"));
        Assert.Equal(counted, OutOfOrderCounter());
    }

    private long OutOfOrderCounter()
    {
        long total = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (ReferenceEquals(instrument.Meter, _metrics.Meter) && instrument.Name == "prometheus_target_scrapes_exemplar_out_of_order_total")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, v, _, _) => total += v);
        listener.Start();
        listener.RecordObservableInstruments();
        return total;
    }
}
