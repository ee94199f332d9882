using Vigil.Api.Prometheus.RemoteWrite;
using Vigil.Model.Histograms;
using Vigil.Model.Labels;

namespace Vigil.Api.Tests.Prometheus.RemoteWriteSend;

public sealed class HistogramEncoderTests
{
    private static readonly FloatHistogram IntegerCounter = new(
        3, 0.001, 4, 26, 12.5, new BucketRun(-2, [4, 4, 0, 0, 0, 6, 0, 2]), new BucketRun(4, [5, 0, 1]), CounterResetHint.NotReset);

    private static readonly FloatHistogram FloatGauge = new(
        0, 0, 0.5, 3.75, -1.25, new BucketRun(0, [1.25, 0, 2]), BucketRun.Empty, CounterResetHint.Gauge);

    public static TheoryData<string, FloatHistogram> RoundTrips => new()
    {
        { "integer counts, gaps, negatives, zero bucket", IntegerCounter },
        { "float counts, gauge", FloatGauge },
        { "empty", FloatHistogram.Empty },
        { "coarse schema, NaN sum", new FloatHistogram(-4, 0, 0, 2, double.NaN, new BucketRun(-1, [1, 1]), BucketRun.Empty) },
        { "custom buckets", new FloatHistogram(FloatHistogram.CustomBucketsSchema, 0, 0, 3, 4, new BucketRun(0, [1, 0, 2]), BucketRun.Empty, customValues: [0.1, 1]) },
    };

    [Theory]
    [MemberData(nameof(RoundTrips))]
    public void Encode_ThenDecodeAsARemoteWriteRequest_GivesBackTheHistogram(string what, FloatHistogram histogram)
    {
        var series = new OutgoingSeries(LabelSet.Of("__name__", "h"), []) { Histograms = [new(1_700_000_000_123, histogram)] };

        using var decoded = WriteRequestDecoder.Decode(WriteRequestEncoder.Encode([series]));

        var sample = Assert.Single(decoded.HistogramSamples);
        Assert.Equal(1_700_000_000_123, sample.Timestamp);
        Assert.True(histogram.Equals(sample.Histogram), $"{what}: sent {histogram}, got {sample.Histogram}");
    }

    [Fact]
    public void Encode_IntegerHistogram_SameBytesAsTheTestKitsSender()
    {
        var h = new FloatHistogram(1, 0.5, 2, 9, 7.5, new BucketRun(-1, [3, 0, 4]), BucketRun.Empty, CounterResetHint.Reset);
        var kit = new HistogramProto(5000)
        {
            CountInt = 9, Sum = 7.5, Schema = 1, ZeroThreshold = 0.5, ZeroCountInt = 2, PositiveSpans = [(-1, 3)], PositiveDeltas = [3, -3, 4], ResetHint = 1,
        };

        var (_, fromOurs) = Decode(HistogramEncoder.Encode(5000, h));
        var (_, fromKit) = Decode(kit.Build());

        Assert.Equal(fromKit, fromOurs);
    }

    [Theory]
    [InlineData(new double[] { 1, 2, 3 }, true)]
    [InlineData(new double[] { 1, 2.5, 3 }, false)]
    [InlineData(new double[] { 9007199254740992 }, true)]
    [InlineData(new double[] { 18014398509481984 }, false)]
    [InlineData(new double[] { double.NaN }, false)]
    public void IsInteger_BucketCounts_WholeAndExactOnly(double[] buckets, bool expected)
    {
        var h = new FloatHistogram(0, 0, 0, buckets.Where(b => !double.IsNaN(b)).Sum(), 1, new BucketRun(0, buckets), BucketRun.Empty);

        Assert.Equal(expected, HistogramEncoder.IsInteger(h));
    }

    [Theory]
    [InlineData(-2, new double[] { 1, 1 }, "-2:2")]
    [InlineData(0, new double[] { 1, 0, 0, 1 }, "0:4")]
    [InlineData(0, new double[] { 1, 0, 0, 0, 1 }, "0:1 3:1")]
    [InlineData(5, new double[] { 2, 0, 0, 0, 0, 3, 0, 4 }, "5:1 4:3")]
    [InlineData(0, new double[] { }, "")]
    public void Spans_GapsOfMoreThanTwoEmptyBuckets_StartANewSpan(int offset, double[] counts, string expected)
    {
        var spans = BucketSpans.Of(new BucketRun(offset, counts).Trimmed());

        Assert.Equal(expected, string.Join(" ", spans.Select(s => $"{s.Offset}:{s.Length}")));
    }

    private static (long, FloatHistogram) Decode(byte[] message)
    {
        var body = RemoteWriteEncoder.Protobuf([new RemoteWriteEncoder.Series([("__name__", "h")], []) { Histograms = [message] }]);
        using var decoded = WriteRequestDecoder.Decode(Snappier.Snappy.CompressToArray(body));
        var s = Assert.Single(decoded.HistogramSamples);
        return (s.Timestamp, s.Histogram);
    }
}
