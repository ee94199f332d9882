using Vigil.Api.Prometheus.RemoteRead;
using Vigil.Api.Prometheus.RemoteRead.HistogramChunks;
using Vigil.Model.Histograms;
using Vigil.Storage;

namespace Vigil.Api.Tests.Prometheus.RemoteRead;

public sealed class HistogramChunkTests
{
    // Values whose deltas and deltas of deltas cross each varbit payload width (3, 6, 9, 12, 18, 25, 56 bits) both ways.
    private static readonly long[] Widths = [1, 4, 37, 300, 2400, 140_000, 17_000_000, 4_503_599_627_370_496, 5];

    private static FloatHistogram Counter(long n, CounterResetHint hint = CounterResetHint.NotReset) => new(
        3, 0.001, n, (6 * n) + n + 2, (3.25 * n) + 0.5, new BucketRun(-2, [n, 2 * n, 0, 0, 0, 0, 2]), new BucketRun(4, [n + 2]), hint);

    private static List<HistogramSample> Series(int count, Func<int, FloatHistogram> at, long step = 15_000) =>
        [.. Enumerable.Range(0, count).Select(i => new HistogramSample(1_700_000_000_000 + (i * step) + (i % 3), at(i)))];

    public static TheoryData<string, List<HistogramSample>, int> Sequences => new()
    {
        { "integer counter", Series(10, i => Counter(i + 1, i == 0 ? CounterResetHint.Unknown : CounterResetHint.NotReset)), 1 },
        { "counter reset starts a chunk", Series(8, i => Counter(i < 5 ? i + 10 : i - 4, i is 0 ? CounterResetHint.Unknown : i is 5 ? CounterResetHint.Reset : CounterResetHint.NotReset)), 2 },
        { "float gauge", Series(6, i => new FloatHistogram(0, 0, 0.5, 3.75 + i, -1.25 * i, new BucketRun(0, [1.25 + i, 0, 2]), BucketRun.Empty, CounterResetHint.Gauge)), 1 },
        { "layout change starts a chunk", Series(4, i => new FloatHistogram(i < 2 ? 0 : -1, 0, 0, 2, 1, new BucketRun(i / 2, [1, 1]), BucketRun.Empty, i == 0 ? CounterResetHint.Unknown : CounterResetHint.NotReset)), 2 },
        { "more than 120 samples", Series(130, i => Counter(i + 1, i == 0 ? CounterResetHint.Unknown : CounterResetHint.NotReset)), 2 },
        { "custom buckets", Series(3, i => new FloatHistogram(FloatHistogram.CustomBucketsSchema, 0, 0, 3 + i, 4, new BucketRun(0, [1, 0, 2 + i]), BucketRun.Empty, i == 0 ? CounterResetHint.Unknown : CounterResetHint.NotReset, [0.1, 2.5])), 1 },
        { "large counts and timestamps jumps", Series(3, i => Counter(1L << (20 + (10 * i)), i == 0 ? CounterResetHint.Unknown : CounterResetHint.NotReset), step: 86_400_000L * 300), 1 },
        { "bucket deltas across every varbit width", Series(9, i => new FloatHistogram(0, 0, 0, Widths[i] + 1, 0, new BucketRun(0, [1, Widths[i]]), BucketRun.Empty, i == 0 ? CounterResetHint.Unknown : CounterResetHint.NotReset)), 1 },
        { "odd zero thresholds", Series(2, i => new FloatHistogram(1, i == 0 ? 1e-300 : 0.3, 1, 1, 0, BucketRun.Empty, BucketRun.Empty)), 2 },
    };

    [Theory]
    [MemberData(nameof(Sequences))]
    public void Chunks_ThenRead_GiveBackEverySampleWithItsHint(string what, List<HistogramSample> samples, int expectedChunks)
    {
        var chunks = HistogramChunkWriter.Chunks(samples);

        Assert.Equal(expectedChunks, chunks.Count);
        var back = chunks.SelectMany(c => HistogramChunkReader.Read(c.Encoding, c.Data)).ToList();
        Assert.Equal(samples.Count, back.Count);
        for (var i = 0; i < samples.Count; i++)
        {
            Assert.True(samples[i] == back[i], $"{what}, sample {i}: wrote {samples[i]}, read {back[i]}");
        }
        Assert.All(chunks, c => Assert.Equal(c.MinTimeMs, HistogramChunkReader.Read(c.Encoding, c.Data)[0].Timestamp));
    }

    [Theory]
    [InlineData(true, HistogramChunkWriter.IntegerEncoding)]
    [InlineData(false, HistogramChunkWriter.FloatEncoding)]
    public void Chunks_CountsKind_PicksUpstreamsEncodingNumber(bool integer, int expected)
    {
        var h = new FloatHistogram(0, 0, 0, integer ? 2 : 2.5, 1, new BucketRun(0, [integer ? 2 : 2.5]), BucketRun.Empty);

        Assert.Equal(expected, Assert.Single(HistogramChunkWriter.Chunks([new HistogramSample(1000, h)])).Encoding);
    }

    [Fact]
    public void Chunks_Header_SampleCountAndCounterResetBits()
    {
        var chunk = Assert.Single(HistogramChunkWriter.Chunks(Series(3, i => Counter(i + 1, i == 0 ? CounterResetHint.Reset : CounterResetHint.NotReset))));

        Assert.Equal([0, 3, 0b1000_0000], chunk.Data.Span[..3].ToArray());
    }

    [Fact]
    public void Read_Truncated_FormatExceptionNotGarbage()
    {
        var chunk = Assert.Single(HistogramChunkWriter.Chunks(Series(5, i => Counter(i + 1))));

        Assert.Throws<FormatException>(() => HistogramChunkReader.Read(chunk.Encoding, chunk.Data[..(chunk.Data.Length / 2)]));
    }

    [Fact]
    public void SeriesChunks_FloatsThenHistograms_ChunksInTimeOrderByKind()
    {
        var floats = new List<Sample> { new(1000, 1), new(2000, 2), new(9000, 3) };
        var histograms = Series(2, i => Counter(i + 1)).Select((s, i) => s with { Timestamp = 3000 + (i * 1000) }).ToList();

        var chunks = SeriesChunks.Of(floats, histograms).ToList();

        Assert.Equal([WireChunk.Xor, HistogramChunkWriter.IntegerEncoding, WireChunk.Xor], chunks.Select(c => c.Encoding));
        Assert.Equal([1000L, 3000L, 9000L], chunks.Select(c => c.MinTimeMs));
    }
}
