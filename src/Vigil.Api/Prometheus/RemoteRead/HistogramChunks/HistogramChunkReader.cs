using Vigil.Model.Histograms;
using Vigil.Storage;

namespace Vigil.Api.Prometheus.RemoteRead.HistogramChunks;

/// <summary>
/// Reads upstream's histogram chunks (encoding 2, integer counts; 3, float counts), as a Prometheus server streams
/// them over remote read, into samples. The first sample's counter reset hint comes from the chunk header; later
/// samples are not resets (or gauges, in a gauge chunk), as upstream's iterators report them. Anything malformed is a
/// <see cref="FormatException"/>.
/// </summary>
public static class HistogramChunkReader
{
    /// <summary>The samples of one chunk.</summary>
    public static List<HistogramSample> Read(int encoding, ReadOnlyMemory<byte> data)
    {
        if (data.Length < 3)
        {
            throw new FormatException("histogram chunk shorter than its header");
        }
        var span = data.Span;
        var count = (span[0] << 8) | span[1];
        var first = (span[2] & 0b1100_0000) switch
        {
            0b1000_0000 => CounterResetHint.Reset,
            0b0100_0000 => CounterResetHint.NotReset,
            0b1100_0000 => CounterResetHint.Gauge,
            _ => CounterResetHint.Unknown,
        };
        var later = first == CounterResetHint.Gauge ? CounterResetHint.Gauge : CounterResetHint.NotReset;
        var input = new BitInput(data, 3);
        var samples = new List<HistogramSample>(count);
        if (count == 0)
        {
            return samples;
        }
        var layout = ChunkLayout.Read(input);
        var state = new State(layout);
        for (var i = 0; i < count; i++)
        {
            var hint = i == 0 ? first : later;
            samples.Add(encoding switch
            {
                HistogramChunkWriter.IntegerEncoding => state.NextInteger(input, i == 0, hint),
                HistogramChunkWriter.FloatEncoding => state.NextFloat(input, i == 0, hint),
                _ => throw new FormatException($"chunk encoding {encoding} is not a histogram encoding"),
            });
        }
        return samples;
    }

    private sealed class State(ChunkLayout layout)
    {
        private readonly int _positive = layout.PositiveBuckets;
        private readonly long[] _buckets = new long[layout.PositiveBuckets + layout.NegativeBuckets];
        private readonly long[] _bucketDeltas = new long[layout.PositiveBuckets + layout.NegativeBuckets];
        private readonly XorValue[] _floatBuckets = new XorValue[layout.PositiveBuckets + layout.NegativeBuckets];
        private long _t, _tDelta, _count, _countDelta, _zero, _zeroDelta;
        private XorValue _sum, _floatCount, _floatZero;

        public HistogramSample NextInteger(BitInput input, bool first, CounterResetHint hint)
        {
            if (first)
            {
                _t = Varbit.ReadInt(input);
                _count = (long)Varbit.ReadUInt(input);
                _zero = (long)Varbit.ReadUInt(input);
                _sum = new XorValue(BitConverter.UInt64BitsToDouble(input.ReadBits(64)));
                for (var i = 0; i < _buckets.Length; i++)
                {
                    _buckets[i] = Varbit.ReadInt(input);
                }
            }
            else
            {
                _tDelta += Varbit.ReadInt(input);
                _t += _tDelta;
                _countDelta += Varbit.ReadInt(input);
                _count += _countDelta;
                _zeroDelta += Varbit.ReadInt(input);
                _zero += _zeroDelta;
                _sum.Read(input);
                if (StaleNaN.IsStaleMarker(_sum.Value))
                {
                    return Stale(hint);
                }
                for (var i = 0; i < _buckets.Length; i++)
                {
                    _bucketDeltas[i] += Varbit.ReadInt(input);
                    _buckets[i] += _bucketDeltas[i];
                }
            }
            var counts = Absolute();
            return new HistogramSample(_t, layout.Histogram(_count, _zero, _sum.Value, counts[.._positive], counts[_positive..], hint));
        }

        public HistogramSample NextFloat(BitInput input, bool first, CounterResetHint hint)
        {
            if (first)
            {
                _t = Varbit.ReadInt(input);
                _floatCount = new XorValue(Raw(input));
                _floatZero = new XorValue(Raw(input));
                _sum = new XorValue(Raw(input));
                for (var i = 0; i < _floatBuckets.Length; i++)
                {
                    _floatBuckets[i] = new XorValue(Raw(input));
                }
            }
            else
            {
                _tDelta += Varbit.ReadInt(input);
                _t += _tDelta;
                _floatCount.Read(input);
                _floatZero.Read(input);
                _sum.Read(input);
                if (StaleNaN.IsStaleMarker(_sum.Value))
                {
                    return Stale(hint);
                }
                for (var i = 0; i < _floatBuckets.Length; i++)
                {
                    _floatBuckets[i].Read(input);
                }
            }
            var counts = _floatBuckets.Select(b => b.Value).ToArray();
            return new HistogramSample(_t, layout.Histogram(_floatCount.Value, _floatZero.Value, _sum.Value, counts[.._positive], counts[_positive..], hint));
        }

        private HistogramSample Stale(CounterResetHint hint) =>
            new(_t, new FloatHistogram(layout.Schema == FloatHistogram.CustomBucketsSchema ? 0 : layout.Schema, 0, 0, 0, _sum.Value, BucketRun.Empty, BucketRun.Empty, hint));

        /// <summary>Bucket deltas (each side's first absolute) turned into absolute counts.</summary>
        private double[] Absolute()
        {
            var counts = new double[_buckets.Length];
            long running = 0;
            for (var i = 0; i < _buckets.Length; i++)
            {
                running = i == _positive ? _buckets[i] : running + _buckets[i];
                counts[i] = running;
            }
            return counts;
        }

        private static double Raw(BitInput input) => BitConverter.UInt64BitsToDouble(input.ReadBits(64));
    }
}
