using Vigil.Model.Relabel;

namespace Vigil.Scrape.Tests.Loop;

/// <summary>The scrape cache keeps the storage's handle per series and appends by it from the second scrape on.</summary>
public sealed class ScrapeCacheHandleTests
{
    private const int ReportSeries = 5;

    [Fact]
    public async Task ScrapeOnce_SecondScrape_AppendsEverySeriesByItsHandle()
    {
        var f = new LoopFixture();
        await f.ScrapeAsync("a 1\nb{x=\"1\"} 1\n");
        Assert.Equal(2 + ReportSeries, f.Storage.HandleMisses);
        f.Storage.ResetHandleCounts();

        await f.ScrapeAsync("a 2\nb{x=\"1\"} 2\n");

        Assert.Equal(0, f.Storage.HandleMisses);
        Assert.Equal(2 + ReportSeries, f.Storage.HandleHits);
    }

    [Fact]
    public async Task ScrapeOnce_SeriesDisappears_StaleMarkerGoesByItsHandle()
    {
        var f = new LoopFixture();
        await f.ScrapeAsync("a 1\nb 1\n");
        f.Storage.ResetHandleCounts();

        await f.ScrapeAsync("a 2\n");

        Assert.True(f.Storage.Named("b")[^1].IsStale);
        Assert.Equal(0, f.Storage.HandleMisses);
    }

    [Fact]
    public async Task ScrapeOnce_TwoLinesWithTheSameLabelsAfterRelabelOneGone_NoStaleMarker()
    {
        var dropX = new RelabelConfig { Regex = "x", Action = RelabelAction.LabelDrop };
        var f = new LoopFixture(LoopFixture.NewConfig() with { MetricRelabelConfigs = [dropX] });
        await f.ScrapeAsync("a{x=\"1\"} 1\na{x=\"2\"} 1\n");

        await f.ScrapeAsync("a{x=\"2\"} 2\n");

        Assert.DoesNotContain(f.Storage.Named("a"), s => s.IsStale);
    }

    [Fact]
    public async Task ScrapeOnce_ScrapeFailedThenRecovers_StaleMarkersAndNewAppendsUseHandles()
    {
        var f = new LoopFixture();
        await f.ScrapeAsync("a 1\n");
        f.Storage.ResetHandleCounts();
        f.Exporter.Status = System.Net.HttpStatusCode.InternalServerError;
        await f.ScrapeAsync("a 1\n");
        f.Exporter.Status = System.Net.HttpStatusCode.OK;

        await f.ScrapeAsync("a 3\n");

        Assert.Equal([1.0, double.NaN, 3.0], f.Storage.Named("a").Select(s => s.IsStale ? double.NaN : s.Value));
        Assert.Equal(0, f.Storage.HandleMisses);
    }

    [Fact]
    public async Task Apply_UnchangedConfigReloaded_NextScrapeStillAppendsByHandles()
    {
        var exporter = new FakeExporter { Body = "a 1\nb 1\n" };
        var storage = new RecordingStorage();
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(LoopFixture.Start);
        await using var manager = new ScrapeManager(storage.Appender, new HttpClient(exporter), time);
        await manager.ApplyAsync([LoopFixture.NewConfig("a", "h1:1")]);
        time.Advance(TimeSpan.FromSeconds(15));
        await storage.CommitsReached(1);

        await manager.ApplyAsync([LoopFixture.NewConfig("a", "h1:1")]);
        storage.ResetHandleCounts();
        time.Advance(TimeSpan.FromSeconds(15));
        await storage.CommitsReached(2);

        Assert.Equal(0, storage.HandleMisses);
        Assert.Equal(2 + ReportSeries, storage.HandleHits);
    }

    [Fact]
    public async Task ScrapeOnce_StorageOffersItsCopyOfTheLabels_CacheKeepsThatCopy()
    {
        var f = new LoopFixture();
        await f.ScrapeAsync("a{x=\"1\"} 1\n");

        await f.ScrapeAsync("a{x=\"1\"} 2\n");

        var samples = f.Storage.Named("a");
        Assert.NotSame(samples[0].Labels, samples[1].Labels);
        Assert.Same(f.Storage.StoredCopy(samples[0].Labels), samples[1].Labels);
    }
}
