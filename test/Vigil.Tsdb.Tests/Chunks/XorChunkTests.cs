using Vigil.Storage;
using Vigil.Tsdb.Chunks;

namespace Vigil.Tsdb.Tests.Chunks;

public sealed class XorChunkTests
{
    public static TheoryData<double> SpecialValues => new()
    {
        0.0, -0.0, 1.0, -1.0, double.NaN, StaleNaN.Value, double.PositiveInfinity, double.NegativeInfinity,
        double.Epsilon, double.MaxValue, double.MinValue, 1e-300, 123456.789,
    };

    [Theory]
    [MemberData(nameof(SpecialValues))]
    public void Append_SpecialValueBetweenOrdinaryOnes_RoundTripsBitForBit(double special)
    {
        var samples = new[] { (1000L, 1.5), (16000L, special), (31000L, 2.5), (46000L, special), (61000L, special) };
        AssertRoundTrip(samples);
    }

    [Theory]
    [InlineData(0L, 15000L)]
    [InlineData(-1_000_000L, 1L)]
    [InlineData(long.MinValue / 4, 1L)]
    [InlineData(1_700_000_000_000L, 1L)]
    [InlineData(1_700_000_000_000L, 60_000_000L)]
    public void Append_RegularSpacing_RoundTrips(long start, long step)
    {
        var samples = Enumerable.Range(0, 200).Select(i => (start + (i * step), (double)i)).ToArray();
        AssertRoundTrip(samples);
    }

    [Theory]
    [InlineData(8192L)]
    [InlineData(-8191L)]
    [InlineData(8193L)]
    [InlineData(-8192L)]
    [InlineData(65536L)]
    [InlineData(-65535L)]
    [InlineData(65537L)]
    [InlineData(524288L)]
    [InlineData(-524288L)]
    [InlineData(524289L)]
    [InlineData(1L << 40)]
    [InlineData(-(1L << 40))]
    public void Append_DeltaOfDeltaAtEachWidthBoundary_RoundTrips(long jitter)
    {
        var baseStep = 1L << 42;
        var samples = new[]
        {
            (0L, 1.0), (baseStep, 2.0), ((2 * baseStep) + jitter, 3.0), ((3 * baseStep) + jitter, 4.0), ((4 * baseStep) - jitter, 5.0),
        };
        AssertRoundTrip(samples);
    }

    [Fact]
    public void Append_HugeDeltas_RoundTrip()
    {
        AssertRoundTrip([(long.MinValue + 1, 1.0), (0L, 2.0), (long.MaxValue - 1, 3.0), (long.MaxValue, 4.0)]);
    }

    [Fact]
    public void Append_NegativeDeltas_RoundTripEvenThoughCallersAvoidThem()
    {
        AssertRoundTrip([(1000L, 1.0), (500L, 2.0), (2000L, 3.0), (-7L, 4.0)]);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(42)]
    [InlineData(2026)]
    public void Append_RandomSamples_RoundTrip(int seed)
    {
        var random = new Random(seed);
        var t = random.NextInt64(-1L << 50, 1L << 50);
        var samples = new List<(long, double)>();
        for (var i = 0; i < 1000; i++)
        {
            t += random.Next(4) switch
            {
                0 => 15000,
                1 => random.Next(1, 100),
                2 => random.NextInt64(1, 1L << 30),
                _ => random.NextInt64(14000, 16000),
            };
            samples.Add((t, RandomValue(random)));
        }
        AssertRoundTrip(samples);
    }

    [Fact]
    public void Bytes_FirstSample_UsesUpstreamHeaderLayout()
    {
        var chunk = new XorChunk();
        chunk.Append(-2, 1.0);
        var bytes = chunk.Bytes.ToArray();
        // count=1 big-endian, zigzag(-2)=3 as varint, then 1.0's IEEE bits big-endian.
        Assert.Equal(new byte[] { 0, 1, 3, 0x3f, 0xf0, 0, 0, 0, 0, 0, 0 }, bytes);
    }

    [Fact]
    public void Bytes_RepeatedValueAtSteadyInterval_CostsTwoBitsPerSample()
    {
        var chunk = new XorChunk();
        for (var i = 0; i < 121; i++)
        {
            chunk.Append(i * 15000L, 42.0);
        }
        // header 2 + varint(0) 1 + value 8 + uvarint(15000) 2 + 1 value bit, then 119 * 2 bits.
        Assert.Equal(2 + 1 + 8 + 2 + ((1 + (119 * 2) + 7) / 8), chunk.Size);
    }

    [Fact]
    public void MinTimeMaxTimeNumSamples_AfterAppends_DescribeTheChunk()
    {
        var chunk = new XorChunk();
        chunk.Append(10, 1);
        chunk.Append(20, 2);
        chunk.Append(35, 3);
        Assert.Equal((10L, 35L, 3), (chunk.MinTime, chunk.MaxTime, chunk.NumSamples));
    }

    [Theory]
    [InlineData(0L, 0L)]
    [InlineData(1L, 1000L)]
    [InlineData(1000L, 1000L)]
    [InlineData(1001L, 2000L)]
    [InlineData(99000L, 99000L)]
    public void Seek_Target_LandsOnFirstSampleAtOrAfter(long target, long expected)
    {
        var chunk = Build(Enumerable.Range(0, 100).Select(i => (i * 1000L, (double)i)));
        var it = chunk.Iterator();
        Assert.True(it.Seek(target));
        Assert.Equal(expected, it.Timestamp);
        Assert.Equal(expected / 1000.0, it.Value);
    }

    [Fact]
    public void Seek_PastTheEnd_ReturnsFalse()
    {
        var it = Build([(1L, 1.0), (2L, 2.0)]).Iterator();
        Assert.False(it.Seek(3));
    }

    [Fact]
    public void Seek_Backwards_StaysOnCurrentSample()
    {
        var it = Build([(1L, 1.0), (2L, 2.0), (3L, 3.0)]).Iterator();
        Assert.True(it.Seek(3));
        Assert.True(it.Seek(1));
        Assert.Equal(3, it.Timestamp);
    }

    [Fact]
    public void Iterator_BoundedBySampleCount_StopsThere()
    {
        var chunk = Build(Enumerable.Range(0, 10).Select(i => ((long)i, (double)i)));
        var it = chunk.Iterator(4);
        var seen = 0;
        while (it.Next())
        {
            seen++;
        }
        Assert.Equal(4, seen);
    }

    [Fact]
    public void Iterator_TruncatedAtEveryByte_NeverThrowsAndFlagsCorruption()
    {
        var chunk = Build(Enumerable.Range(0, 50).Select(i => (i * 15000L + (i % 3), i * 1.25)));
        var bytes = chunk.Bytes.ToArray();
        for (var cut = 0; cut < bytes.Length; cut++)
        {
            var it = new XorIterator(bytes.AsMemory(0, cut));
            while (it.Next())
            {
            }
            Assert.True(it.IsCorrupt, $"cut at {cut} of {bytes.Length}");
        }
    }

    [Fact]
    public void Iterator_OverSliceOfLargerArray_ReadsFromTheOffset()
    {
        var chunk = Build([(5L, 1.0), (6L, 2.0)]);
        var padded = new byte[chunk.Size + 10];
        chunk.Bytes.Span.CopyTo(padded.AsSpan(7));
        var it = new XorIterator(padded.AsMemory(7, chunk.Size));
        Assert.True(it.Next());
        Assert.True(it.Next());
        Assert.Equal(new Sample(6, 2.0), it.Current);
        Assert.False(it.Next());
    }

    [Theory]
    [InlineData(3, 0x00)]
    [InlineData(3, 0xFF)]
    [InlineData(11, 0xA5)]
    public void Iterator_InsideLargerArrayWithJunkAround_DecodesOnlyTheChunksBits(int seed, byte junk)
    {
        // The decoder reads whole words; bits past the chunk's end must never leak into a sample.
        var random = new Random(seed);
        var samples = Enumerable.Range(0, 300).Select(i => (i * 15_000L + random.Next(50), RandomValue(random))).ToList();
        var chunk = Build(samples);
        var padded = new byte[chunk.Size + 40];
        Array.Fill(padded, junk);
        chunk.Bytes.Span.CopyTo(padded.AsSpan(13));
        var it = new XorIterator(padded.AsMemory(13, chunk.Size));
        foreach (var (t, v) in samples)
        {
            Assert.True(it.Next());
            Assert.Equal(t, it.Timestamp);
            Assert.Equal(BitConverter.DoubleToUInt64Bits(v), BitConverter.DoubleToUInt64Bits(it.Value));
        }
        Assert.False(it.Next());
        Assert.False(it.IsCorrupt);
    }

    [Fact]
    public void Append_BeyondCapacity_Throws()
    {
        var chunk = new XorChunk();
        for (var i = 0; i < XorChunk.MaxSamples; i++)
        {
            chunk.Append(i, 0);
        }
        Assert.Throws<InvalidOperationException>(() => chunk.Append(XorChunk.MaxSamples, 0));
    }

    private static double RandomValue(Random random) => random.Next(6) switch
    {
        0 => random.Next(100),
        1 => random.NextDouble() * 1e6,
        2 => BitConverter.Int64BitsToDouble(random.NextInt64()),
        3 => StaleNaN.Value,
        4 => -random.NextDouble(),
        _ => Math.Round(random.NextDouble() * 100, 2),
    };

    private static XorChunk Build(IEnumerable<(long T, double V)> samples)
    {
        var chunk = new XorChunk(8);
        foreach (var (t, v) in samples)
        {
            chunk.Append(t, v);
        }
        return chunk;
    }

    private static void AssertRoundTrip(IReadOnlyList<(long T, double V)> samples)
    {
        var chunk = Build(samples);
        chunk.Trim();
        var it = new XorIterator(chunk.Bytes.ToArray());
        Assert.Equal(samples.Count, it.Count);
        for (var i = 0; i < samples.Count; i++)
        {
            Assert.True(it.Next(), $"sample {i} missing");
            Assert.Equal(samples[i].T, it.Timestamp);
            Assert.Equal(BitConverter.DoubleToUInt64Bits(samples[i].V), BitConverter.DoubleToUInt64Bits(it.Value));
        }
        Assert.False(it.Next());
        Assert.False(it.IsCorrupt);
    }
}
