using Vigil.Model.Histograms;
using Vigil.Tsdb.Chunks;
using static Vigil.Tsdb.Tests.Histograms.HistogramTestData;

namespace Vigil.Tsdb.Tests.Histograms;

public sealed class HistogramChunkTests
{
    [Fact]
    public void Decode_SamplesWithChangingLayouts_RoundTripExactly()
    {
        FloatHistogram[] written =
        [
            Counter(1), Counter(2, CounterResetHint.NotReset), Counter(3),
            new(3, 0, 0, 1, double.NaN, new BucketRun(-7, [1]), BucketRun.Empty, CounterResetHint.Gauge),
            Custom(1), Custom(1.5), FloatHistogram.Empty,
        ];
        var chunk = new HistogramChunk();
        for (var i = 0; i < written.Length; i++)
        {
            chunk.Append(1000 + (i * 15_000) + (i == 3 ? 7 : 0), written[i]);
        }
        var read = HistogramChunk.Read(chunk.ToArray(), null, long.MinValue, long.MaxValue).ToList();
        Assert.Equal(written.Length, read.Count);
        for (var i = 0; i < written.Length; i++)
        {
            Assert.Equal(1000 + (i * 15_000) + (i == 3 ? 7 : 0), read[i].Timestamp);
            Assert.Equal(written[i], read[i].Histogram);
        }
    }

    [Fact]
    public void Append_SteadyCounter_FewBytesPerSample()
    {
        var chunk = new HistogramChunk();
        for (var i = 1; i <= 120; i++)
        {
            chunk.Append(i * 15_000L, Counter(i));
        }
        // Layout once, then timestamp (1 byte), flags (1) and 7 values XOR-ed against the previous (1-4 bytes each).
        Assert.InRange(chunk.Size / 120.0, 8, 24);
    }

    [Fact]
    public void Read_SnapshotCount_IgnoresLaterAppends()
    {
        var chunk = new HistogramChunk();
        chunk.Append(1, Counter(1));
        var (bytes, count) = chunk.Snapshot();
        chunk.Append(2, Counter(2));
        Assert.Single(HistogramChunk.Read(bytes, count, 0, 10));
    }

    [Fact]
    public void Read_Truncated_ThrowsInvalidData()
    {
        var chunk = new HistogramChunk();
        chunk.Append(1, Counter(1));
        var bytes = chunk.ToArray();
        Assert.Throws<InvalidDataException>(() => HistogramChunk.Read(bytes[..^3], null, 0, 10));
    }
}
