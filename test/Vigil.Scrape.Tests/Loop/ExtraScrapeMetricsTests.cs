using System.Net;
using Vigil.Config.Prometheus;

namespace Vigil.Scrape.Tests.Loop;

public sealed class ExtraScrapeMetricsTests
{
    private static readonly string[] ExtraNames = ["scrape_timeout_seconds", "scrape_sample_limit", "scrape_body_size_bytes"];

    private static LoopFixture WithExtra(bool? extra, ScrapeLimits? limits = null) =>
        new(LoopFixture.NewConfig() with { ExtraScrapeMetrics = extra, Limits = limits ?? new ScrapeLimits() });

    [Theory]
    [InlineData(null)]
    [InlineData(false)]
    public async Task ScrapeOnce_ExtraMetricsOffOrUnset_ReportsOnlyTheFiveUsualSeries(bool? extra)
    {
        var f = WithExtra(extra);

        await f.ScrapeAsync("a 1\n");

        Assert.All(ExtraNames, name => Assert.Empty(f.Storage.Named(name)));
        Assert.Single(f.Storage.Named("up"));
    }

    [Fact]
    public async Task ScrapeOnce_ExtraMetricsOn_ReportsTimeoutLimitAndBodySize()
    {
        var f = WithExtra(true, new ScrapeLimits { SampleLimit = 100 });
        var body = "a 1\nb 2\n";

        await f.ScrapeAsync(body);

        Assert.Equal(10, f.Storage.Last("scrape_timeout_seconds"));
        Assert.Equal(100, f.Storage.Last("scrape_sample_limit"));
        Assert.Equal(body.Length, f.Storage.Last("scrape_body_size_bytes"));
        Assert.Equal(LoopFixture.Series("scrape_body_size_bytes"), f.Storage.Named("scrape_body_size_bytes")[0].Labels);
        Assert.Equal(f.Storage.Named("up")[0].Timestamp, f.Storage.Named("scrape_timeout_seconds")[0].Timestamp);
    }

    [Fact]
    public async Task ScrapeOnce_GzipBody_ReportsUncompressedSize()
    {
        var f = WithExtra(true);
        f.Exporter.Gzip = true;
        var body = string.Concat(Enumerable.Repeat("metric_with_a_long_name 1\n", 50));

        await f.ScrapeAsync(body);

        Assert.Equal(body.Length, f.Storage.Last("scrape_body_size_bytes"));
    }

    [Fact]
    public async Task ScrapeOnce_NoSampleLimit_ReportsZeroLimit()
    {
        var f = WithExtra(true);

        await f.ScrapeAsync("a 1\n");

        Assert.Equal(0, f.Storage.Last("scrape_sample_limit"));
    }

    [Theory]
    [InlineData("body-limit", -1.0)]
    [InlineData("http-error", 0.0)]
    [InlineData("sample-limit", 8.0)]
    public async Task ScrapeOnce_FailedScrape_ReportsBodySizeAsUpstream(string failure, double expected)
    {
        var limits = failure switch
        {
            "body-limit" => new ScrapeLimits { BodySizeLimit = 4 },
            "sample-limit" => new ScrapeLimits { SampleLimit = 1 },
            _ => new ScrapeLimits(),
        };
        var f = WithExtra(true, limits);
        f.Exporter.Status = failure == "http-error" ? HttpStatusCode.InternalServerError : HttpStatusCode.OK;

        // A body that was read but then refused (sample limit) still reports its size, as upstream.
        await f.ScrapeAsync("a 1\nb 2\n");

        Assert.Equal(0, f.Storage.Last("up"));
        Assert.Equal(expected, f.Storage.Last("scrape_body_size_bytes"));
    }

    [Fact]
    public async Task ScrapeOnce_TimeoutLongerThanInterval_ReportsTheEffectiveTimeout()
    {
        var f = new LoopFixture(LoopFixture.NewConfig() with { ExtraScrapeMetrics = true, ScrapeTimeout = TimeSpan.FromMinutes(1) });

        await f.ScrapeAsync("a 1\n");

        Assert.Equal(15, f.Storage.Last("scrape_timeout_seconds"));
    }

    [Fact]
    public async Task Stop_ExtraMetricsOn_MarksExtraSeriesStale()
    {
        var f = WithExtra(true);
        await f.ScrapeAsync("a 1\n");
        f.Loop.Start();

        await f.Loop.StopAsync();

        Assert.All(ExtraNames, name => Assert.True(f.Storage.Named(name)[^1].IsStale));
    }
}
