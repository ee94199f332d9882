using Vigil.Scrape.Loop;
using Vigil.Scrape.Parsing;
using Vigil.Scrape.Tests.Parsing.Protobuf;
using static Vigil.Scrape.Tests.Parsing.Protobuf.ExpositionProto;

namespace Vigil.Scrape.Tests.Loop;

public sealed class ProtobufScrapeTests
{
    private const string ProtoContentType = "application/vnd.google.protobuf; proto=io.prometheus.client.MetricFamily; encoding=delimited";
    private static readonly (string, string)[] NoLabels = [];

    // Schema 3 with 8 populated positive buckets: reducing to schema 2 halves them, to schema 1 quarters them.
    private static readonly HistogramValue Fine = new()
    {
        Count = 8, Sum = 10, Schema = 3, ZeroThreshold = 1e-9, PositiveSpans = [(1, 8)], PositiveDeltas = [1, 0, 0, 0, 0, 0, 0, 0],
    };

    [Fact]
    public async Task ScrapeOnce_NativeHistogramJob_AppendsHistogramFloatsAndMetadata()
    {
        var f = new LoopFixture(LoopFixture.NewConfig() with { ScrapeNativeHistograms = true });

        var health = await ScrapeAsync(f, Body(
            Family("rpc", Histogram, "RPC latency.", "seconds", Metric(NoLabels, 7, Fine.Encode())),
            Family("up_things", Gauge, "", "", Metric([("k", "v")], 2, Value(4)))));

        Assert.Equal(HealthState.Up, health.Health);
        var histogram = Assert.Single(f.Storage.Named("rpc"));
        Assert.Equal(LoopFixture.Series("rpc"), histogram.Labels);
        Assert.Equal(8, histogram.Histogram!.Count);
        Assert.Equal(3, histogram.Histogram.Schema);
        Assert.Equal(4, f.Storage.Last("up_things"));
        Assert.Equal(2, f.Storage.Last("scrape_samples_scraped"));
        Assert.Contains(new MetricMetadata("rpc", MetricType.Histogram, "RPC latency.", "seconds"), f.Loop.Metadata);
    }

    [Fact]
    public async Task ScrapeOnce_NativeHistogramsOff_ClassicPartOnly()
    {
        var f = new LoopFixture();
        var both = Fine with { Buckets = [(1, 3), (double.PositiveInfinity, 8)] };

        await ScrapeAsync(f, Body(Family("rpc", Histogram, "", "", Metric(NoLabels, 7, both.Encode()))));

        Assert.Empty(f.Storage.Named("rpc"));
        Assert.Equal(8, f.Storage.Last("rpc_count"));
        Assert.Equal(2, f.Storage.Named("rpc_bucket").Count);
    }

    [Theory]
    [InlineData(0, 0, 3)]
    [InlineData(1.2, 0, 1)]
    [InlineData(0, 4, 2)]
    [InlineData(0, 2, 1)]
    [InlineData(1.5, 4, 0)]
    public async Task ScrapeOnce_BucketLimitAndMinFactor_ReduceResolution(double minFactor, long bucketLimit, int expectedSchema)
    {
        var config = LoopFixture.NewConfig() with
        {
            ScrapeNativeHistograms = true, NativeHistogramMinBucketFactor = minFactor, NativeHistogramBucketLimit = bucketLimit,
        };
        var f = new LoopFixture(config);

        await ScrapeAsync(f, Body(Family("rpc", Histogram, "", "", Metric(NoLabels, 7, Fine.Encode()))));

        var stored = Assert.Single(f.Storage.Named("rpc")).Histogram!;
        Assert.Equal(expectedSchema, stored.Schema);
        Assert.Equal(8, stored.Count);
    }

    [Fact]
    public async Task ScrapeOnce_HistogramThatCannotFitBucketLimit_TargetDownWithUpstreamError()
    {
        var metrics = new ScrapeMetrics();
        var config = LoopFixture.NewConfig() with { ScrapeNativeHistograms = true, ConvertClassicHistogramsToNhcb = true, NativeHistogramBucketLimit = 1 };
        var f = new LoopFixture(config, metrics);
        var classic = new HistogramValue { Count = 3, Sum = 1, Buckets = [(0.1, 1), (1, 2), (double.PositiveInfinity, 3)] };

        var health = await ScrapeAsync(f, Body(Family("rpc", Histogram, "", "", Metric(NoLabels, 7, classic.Encode()))));

        Assert.Equal(HealthState.Down, health.Health);
        Assert.Equal("histogram bucket limit exceeded", health.LastError);
        Assert.Empty(f.Storage.Named("rpc"));
        Assert.Equal(0, f.Storage.Last("up"));
    }

    [Fact]
    public async Task ScrapeOnce_MalformedProtobuf_TargetDownWithReasonThenRecovers()
    {
        var f = new LoopFixture(LoopFixture.NewConfig() with { ScrapeNativeHistograms = true });

        var bad = await ScrapeAsync(f, [0x7f, 0x0a]);
        var good = await ScrapeAsync(f, Body(Family("g", Gauge, "", "", Metric(NoLabels, 2, Value(1)))));

        Assert.Equal(HealthState.Down, bad.Health);
        Assert.Equal("protobuf metric family 1: message at byte 0 is 127 bytes long, but only 1 bytes are left", bad.LastError);
        Assert.Equal(HealthState.Up, good.Health);
        Assert.Equal(1, f.Storage.Last("g"));
    }

    [Fact]
    public async Task ScrapeOnce_HistogramDisappears_StaleMarkerForItsSeries()
    {
        var f = new LoopFixture(LoopFixture.NewConfig() with { ScrapeNativeHistograms = true });

        await ScrapeAsync(f, Body(Family("rpc", Histogram, "", "", Metric(NoLabels, 7, Fine.Encode()))));
        await ScrapeAsync(f, Body(Family("g", Gauge, "", "", Metric(NoLabels, 2, Value(1)))));

        var rpc = f.Storage.Named("rpc");
        Assert.Equal(2, rpc.Count);
        Assert.True(rpc[1].IsStale);
    }

    [Theory]
    [InlineData(0, 8)]
    [InlineData(1, 8)]
    [InlineData(1.1, 2)]
    [InlineData(1.09, 3)]
    [InlineData(2, 0)]
    [InlineData(4, -1)]
    [InlineData(1e9, -4)]
    public void SchemaForBucketFactor_AsUpstreamPicksIt(double factor, int schema)
    {
        Assert.Equal(schema, ScrapeOptions.SchemaForBucketFactor(factor));
    }

    private static async Task<TargetHealth> ScrapeAsync(LoopFixture f, byte[] body)
    {
        f.Exporter.ContentType = ProtoContentType;
        f.Exporter.Content = () => new ByteArrayContent(body);
        return await f.ScrapeAsync("");
    }
}
