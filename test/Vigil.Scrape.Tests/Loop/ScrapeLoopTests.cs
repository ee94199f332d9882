using System.Net;
using Vigil.Config.Prometheus;
using Vigil.Model.Relabel;
using Vigil.Scrape.Loop;

namespace Vigil.Scrape.Tests.Loop;

public sealed class ScrapeLoopTests
{
    [Fact]
    public async Task ScrapeOnce_HealthyTarget_AppendsSamplesWithTargetLabelsAndUp()
    {
        var f = new LoopFixture();

        var health = await f.ScrapeAsync("# TYPE a counter\na_total 3\nb{x=\"1\"} 2.5\n");

        Assert.Equal(HealthState.Up, health.Health);
        Assert.Equal("", health.LastError);
        var a = Assert.Single(f.Storage.Named("a_total"));
        Assert.Equal(LoopFixture.Series("a_total"), a.Labels);
        Assert.Equal(LoopFixture.Start.ToUnixTimeMilliseconds(), a.Timestamp);
        Assert.Equal(LoopFixture.Series("b", "x", "1"), f.Storage.Named("b")[0].Labels);
        Assert.Equal(1, f.Storage.Last("up"));
        Assert.Equal(LoopFixture.Series("up"), f.Storage.Named("up")[0].Labels);
        Assert.Equal(2, f.Storage.Last("scrape_samples_scraped"));
        Assert.Equal(2, f.Storage.Last("scrape_samples_post_metric_relabeling"));
        Assert.Equal(2, f.Storage.Last("scrape_series_added"));
        Assert.Single(f.Storage.Named("scrape_duration_seconds"));
        Assert.Equal(1, f.Storage.Commits);
    }

    [Fact]
    public async Task ScrapeOnce_Request_CarriesAcceptAndTimeoutHeaders()
    {
        var f = new LoopFixture();

        await f.ScrapeAsync("a 1\n");

        var request = Assert.Single(f.Exporter.Requests);
        Assert.Equal("http://host:9100/metrics", request.RequestUri!.ToString());
        Assert.StartsWith("application/openmetrics-text;version=1.0.0", request.Headers.NonValidated["Accept"].ToString(), StringComparison.Ordinal);
        Assert.Equal("10", Assert.Single(request.Headers.GetValues("X-Prometheus-Scrape-Timeout-Seconds")));
    }

    [Fact]
    public async Task ScrapeOnce_SecondScrape_ReusesCachedLabelSetAndAddsNoSeries()
    {
        var f = new LoopFixture();

        await f.ScrapeAsync("a{x=\"1\"} 1\n");
        await f.ScrapeAsync("a{x=\"1\"} 2\n");
        await f.ScrapeAsync("a{x=\"1\"} 3\n");

        // From the second scrape on the cache holds the storage's copy of the labels (see ScrapeCacheHandleTests).
        var samples = f.Storage.Named("a");
        Assert.Same(samples[1].Labels, samples[2].Labels);
        Assert.Equal([1.0, 0.0, 0.0], f.Storage.Named("scrape_series_added").Select(s => s.Value));
    }

    [Fact]
    public async Task ScrapeOnce_SeriesDisappears_GetsStaleMarker()
    {
        var f = new LoopFixture();

        await f.ScrapeAsync("a 1\nb 1\n");
        await f.ScrapeAsync("a 2\n");

        var b = f.Storage.Named("b");
        Assert.Equal(2, b.Count);
        Assert.True(b[1].IsStale);
        Assert.Equal(LoopFixture.Start.AddSeconds(15).ToUnixTimeMilliseconds(), b[1].Timestamp);
        Assert.DoesNotContain(f.Storage.Named("a"), s => s.IsStale);
    }

    [Fact]
    public async Task ScrapeOnce_HttpError_IsDownWithStatusTextAndStalesPreviousSeries()
    {
        var f = new LoopFixture();
        await f.ScrapeAsync("a 1\n");
        f.Exporter.Status = HttpStatusCode.InternalServerError;

        var health = await f.ScrapeAsync("a 1\n");

        Assert.Equal(HealthState.Down, health.Health);
        Assert.Equal("server returned HTTP status 500 Internal Server Error", health.LastError);
        Assert.True(f.Storage.Named("a")[^1].IsStale);
        Assert.Equal(0, f.Storage.Last("up"));
    }

    [Fact]
    public async Task ScrapeOnce_TargetNeverAnswers_TimesOutOnInjectedClock()
    {
        var f = new LoopFixture();
        f.Exporter.Hang = true;

        var scrape = f.Loop.ScrapeOnceAsync();
        await f.Exporter.FirstRequest.Task;
        f.Time.Advance(TimeSpan.FromSeconds(10));
        var health = await scrape;

        Assert.Equal(HealthState.Down, health.Health);
        Assert.Equal("Get \"http://host:9100/metrics\": context deadline exceeded", health.LastError);
        Assert.Equal(0, f.Storage.Last("up"));
    }

    [Fact]
    public async Task ScrapeOnce_ParseError_RollsBackAndReportsLine()
    {
        var f = new LoopFixture();

        var health = await f.ScrapeAsync("a 1\nb{ 2\n");

        Assert.Equal(HealthState.Down, health.Health);
        Assert.StartsWith("line 2:", health.LastError, StringComparison.Ordinal);
        Assert.Empty(f.Storage.Named("a"));
        Assert.Equal(1, f.Storage.Rollbacks);
        Assert.Equal(0, f.Storage.Last("up"));
    }

    [Theory]
    [InlineData("sample", "sample limit exceeded")]
    [InlineData("labels", "label_limit exceeded (metric: a, number of labels: 4, limit: 3)")]
    [InlineData("name", "label_name_length_limit exceeded (metric: a, label name: toolongname, limit: 9)")]
    [InlineData("value", "label_value_length_limit exceeded (metric: a, label name: toolongname, value: \"waytoolongvalue\", limit: 9)")]
    [InlineData("body", "body size limit exceeded")]
    public async Task ScrapeOnce_LimitExceeded_FailsWholeScrapeWithUpstreamText(string limit, string expected)
    {
        var limits = limit switch
        {
            "sample" => new ScrapeLimits { SampleLimit = 1 },
            "labels" => new ScrapeLimits { LabelLimit = 3 },
            "name" => new ScrapeLimits { LabelNameLengthLimit = 9 },
            "value" => new ScrapeLimits { LabelValueLengthLimit = 9 },
            _ => new ScrapeLimits { BodySizeLimit = 10 },
        };
        var f = new LoopFixture(LoopFixture.NewConfig() with { Limits = limits });

        var health = await f.ScrapeAsync("a{toolongname=\"waytoolongvalue\"} 1\nb 2\n");

        Assert.Equal(expected, health.LastError);
        Assert.Empty(f.Storage.Named("a"));
        Assert.Equal(0, f.Storage.Last("up"));
    }

    [Theory]
    [InlineData(false, "job", "node", "exported_job", "app")]
    [InlineData(true, "job", "app", "exported_job", "")]
    public async Task ScrapeOnce_ScrapedLabelClashesWithTarget_FollowsHonorLabels(bool honor, string name, string value, string exportedName, string exportedValue)
    {
        var f = new LoopFixture(LoopFixture.NewConfig() with { HonorLabels = honor });

        await f.ScrapeAsync("a{job=\"app\"} 1\n");

        var labels = f.Storage.Named("a")[0].Labels;
        Assert.Equal(value, labels.Get(name));
        Assert.Equal(exportedValue, labels.Get(exportedName));
    }

    [Fact]
    public async Task ScrapeOnce_ExportedNameTaken_AddsAnotherPrefix()
    {
        var f = new LoopFixture();

        await f.ScrapeAsync("a{job=\"app\",exported_job=\"x\"} 1\n");

        var labels = f.Storage.Named("a")[0].Labels;
        Assert.Equal("node", labels.Get("job"));
        Assert.Equal("x", labels.Get("exported_job"));
        Assert.Equal("app", labels.Get("exported_exported_job"));
    }

    [Theory]
    [InlineData(true, 1000)]
    [InlineData(false, 1767225600000)]
    public async Task ScrapeOnce_ExplicitTimestamp_FollowsHonorTimestamps(bool honor, long expected)
    {
        var f = new LoopFixture(LoopFixture.NewConfig() with { HonorTimestamps = honor });

        await f.ScrapeAsync("a 1 1000\n");

        Assert.Equal(expected, f.Storage.Named("a")[0].Timestamp);
    }

    [Fact]
    public async Task ScrapeOnce_MetricRelabelDrop_CountsScrapedButNotPostRelabel()
    {
        var drop = new RelabelConfig { SourceLabels = ["__name__"], Regex = "b", Action = RelabelAction.Drop };
        var f = new LoopFixture(LoopFixture.NewConfig() with { MetricRelabelConfigs = [drop] });

        await f.ScrapeAsync("a 1\nb 2\n");
        await f.ScrapeAsync("a 1\nb 2\n");

        Assert.Empty(f.Storage.Named("b"));
        Assert.Equal(2, f.Storage.Last("scrape_samples_scraped"));
        Assert.Equal(1, f.Storage.Last("scrape_samples_post_metric_relabeling"));
    }

    [Fact]
    public async Task ScrapeOnce_OpenMetricsContentType_UsesOpenMetricsParser()
    {
        var f = new LoopFixture();
        f.Exporter.ContentType = "application/openmetrics-text; version=1.0.0";

        // Float-seconds timestamps only parse as OpenMetrics.
        await f.ScrapeAsync("# TYPE a gauge\na 1 1.5\n# EOF\n");

        Assert.Equal(1500, f.Storage.Named("a")[0].Timestamp);
    }

    [Fact]
    public async Task ScrapeOnce_ScrapeProtocolsConfigured_AcceptHeaderFollowsThem()
    {
        var f = new LoopFixture(LoopFixture.NewConfig() with { ScrapeProtocols = ["PrometheusText0.0.4", "OpenMetricsText1.0.0"] });

        await f.ScrapeAsync("a 1\n");

        Assert.Equal("text/plain;version=0.0.4;q=0.6,application/openmetrics-text;version=1.0.0;escaping=underscores;q=0.5,*/*;q=0.4",
            f.Exporter.Requests.Single().Headers.NonValidated["Accept"].ToString());
    }

    [Fact]
    public async Task ScrapeOnce_NoContentTypeNoFallback_TargetDownWithUpstreamError()
    {
        var f = new LoopFixture();
        f.Exporter.ContentType = "";

        var health = await f.ScrapeAsync("a 1\n");

        Assert.Equal(HealthState.Down, health.Health);
        Assert.Equal("non-compliant scrape target sending blank Content-Type and no fallback_scrape_protocol specified for target", health.LastError);
        Assert.Equal(0, f.Storage.Last("up"));
        Assert.Empty(f.Storage.Named("a"));
    }

    [Theory]
    [InlineData("", "OpenMetricsText1.0.0")]
    [InlineData("application/json", "OpenMetricsText1.0.0")]
    [InlineData("not a type", "OpenMetricsText0.0.1")]
    public async Task ScrapeOnce_BadContentTypeWithFallback_ParsesWithFallback(string contentType, string fallback)
    {
        var f = new LoopFixture(LoopFixture.NewConfig() with { FallbackScrapeProtocol = fallback });
        f.Exporter.ContentType = contentType;

        // Float-seconds timestamps only parse as OpenMetrics, so this proves which parser ran.
        var health = await f.ScrapeAsync("# TYPE a gauge\na 1 1.5\n# EOF\n");

        Assert.Equal(HealthState.Up, health.Health);
        Assert.Equal(1500, f.Storage.Named("a")[0].Timestamp);
    }

    [Fact]
    public async Task Stop_AfterScrapes_MarksAllSeriesAndReportSeriesStale()
    {
        var f = new LoopFixture();
        await f.ScrapeAsync("a 1\n");
        f.Loop.Start();

        await f.Loop.StopAsync();

        Assert.True(f.Storage.Named("a")[^1].IsStale);
        Assert.True(f.Storage.Named("up")[^1].IsStale);
        Assert.True(f.Storage.Named("scrape_series_added")[^1].IsStale);
    }

    [Fact]
    public async Task Start_AfterOffset_ScrapesThenEveryInterval()
    {
        var f = new LoopFixture();
        f.Exporter.Body = "a 1\n";
        var offset = f.Loop.Target.Offset(f.Config.ScrapeInterval, f.Time.GetUtcNow());

        f.Loop.Start();
        f.Time.Advance(offset);
        await f.Exporter.FirstRequest.Task;
        await f.Storage.CommitsReached(1);
        f.Time.Advance(f.Config.ScrapeInterval);
        await f.Storage.CommitsReached(2);
        await f.Loop.StopAsync();

        var ups = f.Storage.Named("up").Where(s => !s.IsStale).ToList();
        Assert.Equal(2, ups.Count);
        Assert.Equal(15_000, ups[1].Timestamp - ups[0].Timestamp);
        Assert.Equal((long)offset.TotalMilliseconds, ups[0].Timestamp - LoopFixture.Start.ToUnixTimeMilliseconds());
    }
}

public sealed class ScrapeLoopBodyBufferTests
{
    private static string Body(int series, int scrape) =>
        string.Concat(Enumerable.Range(0, series).Select(i => $"metric_with_a_longish_name{{index=\"{i}\"}} {i + scrape}\n"));

    [Theory]
    [InlineData(false, new[] { 3, 2000, 2, 5000, 1 })]
    [InlineData(true, new[] { 3, 2000, 2, 5000, 1 })]
    public async Task ScrapeOnce_BodiesGrowAndShrink_EachScrapeReadWhole(bool gzip, int[] sizes)
    {
        // The loop keeps one body buffer between scrapes; a larger body must grow it (with or without a
        // Content-Length), and a smaller one must not see the rest of an earlier, longer body.
        var f = new LoopFixture();
        f.Exporter.Gzip = gzip;
        for (var scrape = 0; scrape < sizes.Length; scrape++)
        {
            var health = await f.ScrapeAsync(Body(sizes[scrape], scrape));

            Assert.Equal(HealthState.Up, health.Health);
            Assert.Equal(sizes[scrape], f.Storage.Last("scrape_samples_scraped"));
            var last = f.Storage.Named("metric_with_a_longish_name").Where(s => !s.IsStale).Last();
            Assert.Equal((sizes[scrape] - 1).ToString(System.Globalization.CultureInfo.InvariantCulture), last.Labels.Get("index"));
            Assert.Equal(sizes[scrape] - 1 + scrape, last.Value);
        }
    }
}
