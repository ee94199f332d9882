using Vigil.Tsdb.Chunks;

namespace Vigil.Tsdb.Tests.Chunks;

public sealed class XorChunkSizingTests
{
    [Theory]
    [InlineData(16, 120)]
    [InlineData(64, 120)]
    [InlineData(4, 30)]
    [InlineData(2000, 120)]
    public void Append_WithExpectedSamples_RoundTripsAndEndsNearItsSize(int capacity, int expected)
    {
        var random = new Random(7);
        var value = 0.0;
        var chunk = new XorChunk(capacity, expected);
        var samples = new List<(long T, double V)>();
        for (var i = 0; i < expected; i++)
        {
            value += random.NextDouble() * 10;
            samples.Add((i * 15_000L, value));
            chunk.Append(i * 15_000L, value);
        }
        chunk.Trim(chunk.Size >> 4);
        Assert.InRange(chunk.Capacity, chunk.Size, chunk.Size + (chunk.Size >> 4));
        var it = chunk.Iterator();
        foreach (var (t, v) in samples)
        {
            Assert.True(it.Next());
            Assert.Equal(t, it.Timestamp);
            Assert.Equal(v, it.Value);
        }
        Assert.False(it.Next());
    }

    [Fact]
    public void Append_IterationBoundedBySnapshotCount_SurvivesLaterGrowth()
    {
        var chunk = new XorChunk(8, 120);
        for (var i = 0; i < 3; i++)
        {
            chunk.Append(i, i * 1.5);
        }
        var reader = chunk.Iterator(3);
        for (var i = 3; i < 120; i++)
        {
            chunk.Append(i, i * 1.5);
        }
        var seen = 0;
        while (reader.Next())
        {
            Assert.Equal(seen * 1.5, reader.Value);
            seen++;
        }
        Assert.Equal(3, seen);
    }

    [Fact]
    public void Reset_ThenRefilled_EncodesExactlyLikeAFreshChunk()
    {
        var reused = new XorChunk(16, 120);
        var fresh = new XorChunk(16, 120);
        for (var i = 0; i < 120; i++)
        {
            reused.Append(i * 1000L, i * 3.7);
        }
        reused.Reset();
        Assert.Equal(0, reused.NumSamples);
        for (var i = 0; i < 50; i++)
        {
            reused.Append(500_000 + (i * 15_000L), 1.0 / (i + 1));
            fresh.Append(500_000 + (i * 15_000L), 1.0 / (i + 1));
        }
        Assert.Equal(fresh.Bytes.ToArray(), reused.Bytes.ToArray());
        Assert.Equal(500_000, reused.MinTime);
    }
}
