using Vigil.Api.Prometheus.RemoteWrite;
using Vigil.Model.Histograms;
using Vigil.Storage;

namespace Vigil.Api.Prometheus.RemoteRead.HistogramChunks;

/// <summary>
/// Writes native histogram samples as upstream's chunks (encoding 2, integer counts; encoding 3, float counts), so a
/// Prometheus server reading Vigil over streamed remote read gets the chunks its own storage would hold. A chunk holds
/// samples of one layout (schema, zero threshold, spans), one kind of counts, at most 120 samples; a new chunk starts
/// where any of these changes and where a sample's counter reset hint is reset or unknown, so the chunk header (the
/// hint of its first sample) gives every sample back its hint.
/// </summary>
public static class HistogramChunkWriter
{
    /// <summary>Upstream's number for a chunk of integer-count histograms.</summary>
    public const int IntegerEncoding = 2;

    /// <summary>Upstream's number for a chunk of float-count histograms.</summary>
    public const int FloatEncoding = 3;

    private const int MaxSamples = 120;

    /// <summary>The chunks holding <paramref name="samples"/> (time order), in time order.</summary>
    public static List<WireChunk> Chunks(IReadOnlyList<HistogramSample> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var chunks = new List<WireChunk>();
        var start = 0;
        while (start < samples.Count)
        {
            var layout = ChunkLayout.Of(samples[start].Histogram);
            var integer = HistogramEncoder.IsInteger(samples[start].Histogram);
            var gauge = samples[start].Histogram.Hint == CounterResetHint.Gauge;
            var end = start + 1;
            while (end < samples.Count && end - start < MaxSamples && Continues(samples[end].Histogram, layout, integer, gauge))
            {
                end++;
            }
            chunks.Add(Encode(samples, start, end, layout, integer));
            start = end;
        }
        return chunks;
    }

    private static bool Continues(FloatHistogram h, ChunkLayout layout, bool integer, bool gauge) =>
        // A stale marker starts a chunk: upstream's readers expect no buckets after a later sample's stale sum.
        h.Hint is not (CounterResetHint.Reset or CounterResetHint.Unknown) && (h.Hint == CounterResetHint.Gauge) == gauge
        && !StaleNaN.IsStaleMarker(h.Sum)
        && HistogramEncoder.IsInteger(h) == integer && ChunkLayout.Of(h).SameAs(layout);

    private static WireChunk Encode(IReadOnlyList<HistogramSample> samples, int start, int end, ChunkLayout layout, bool integer)
    {
        var output = new BitOutput();
        output.Byte((byte)((end - start) >> 8));
        output.Byte((byte)(end - start));
        output.Byte(Header(samples[start].Histogram.Hint));
        layout.Write(output);
        if (integer)
        {
            new IntegerSamples(output).WriteAll(samples, start, end);
        }
        else
        {
            new FloatSamples(output).WriteAll(samples, start, end);
        }
        return new WireChunk(samples[start].Timestamp, samples[end - 1].Timestamp, integer ? IntegerEncoding : FloatEncoding, output.ToArray());
    }

    /// <summary>The header's top two bits: 10 reset, 01 not reset, 11 gauge, 00 unknown.</summary>
    internal static byte Header(CounterResetHint hint) => hint switch
    {
        CounterResetHint.Reset => 0b1000_0000,
        CounterResetHint.NotReset => 0b0100_0000,
        CounterResetHint.Gauge => 0b1100_0000,
        _ => 0,
    };

    /// <summary>Absolute bucket counts in span order.</summary>
    internal static List<double> Buckets(FloatHistogram h, ChunkLayout layout) =>
        [.. BucketSpans.Counts(h.Positive, layout.Positive), .. BucketSpans.Counts(h.Negative, layout.Negative)];

    /// <summary>
    /// Integer counts: the first sample as values (buckets as deltas from the previous bucket of the side), later ones as
    /// deltas of deltas; the sum is XOR-encoded.
    /// </summary>
    private sealed class IntegerSamples(BitOutput output)
    {
        private long _t, _tDelta, _count, _countDelta, _zero, _zeroDelta;
        private long[] _buckets = [], _bucketDeltas = [];
        private XorValue _sum;

        public void WriteAll(IReadOnlyList<HistogramSample> samples, int start, int end)
        {
            var layout = ChunkLayout.Of(samples[start].Histogram);
            for (var i = start; i < end; i++)
            {
                Write(samples[i].Timestamp, samples[i].Histogram, layout, first: i == start);
            }
        }

        private void Write(long t, FloatHistogram h, ChunkLayout layout, bool first)
        {
            var buckets = SideDeltas(h, layout);
            var (count, zero) = ((long)h.Count, (long)h.ZeroCount);
            if (first)
            {
                Varbit.WriteInt(output, t);
                Varbit.WriteUInt(output, (ulong)count);
                Varbit.WriteUInt(output, (ulong)zero);
                output.WriteBits(BitConverter.DoubleToUInt64Bits(h.Sum), 64);
                _sum = new XorValue(h.Sum);
                foreach (var b in buckets)
                {
                    Varbit.WriteInt(output, b);
                }
                _bucketDeltas = new long[buckets.Length];
            }
            else
            {
                var (tDelta, countDelta, zeroDelta) = (t - _t, count - _count, zero - _zero);
                Varbit.WriteInt(output, tDelta - _tDelta);
                Varbit.WriteInt(output, countDelta - _countDelta);
                Varbit.WriteInt(output, zeroDelta - _zeroDelta);
                (_tDelta, _countDelta, _zeroDelta) = (tDelta, countDelta, zeroDelta);
                _sum.Write(output, h.Sum);
                for (var i = 0; i < buckets.Length; i++)
                {
                    var delta = buckets[i] - _buckets[i];
                    Varbit.WriteInt(output, delta - _bucketDeltas[i]);
                    _bucketDeltas[i] = delta;
                }
            }
            (_t, _count, _zero, _buckets) = (t, count, zero, buckets);
        }

        /// <summary>Each side's counts as deltas from the bucket before it on the same side (the first absolute).</summary>
        private static long[] SideDeltas(FloatHistogram h, ChunkLayout layout)
        {
            var positive = BucketSpans.Counts(h.Positive, layout.Positive);
            var negative = BucketSpans.Counts(h.Negative, layout.Negative);
            var result = new long[positive.Count + negative.Count];
            Fill(positive, result, 0);
            Fill(negative, result, positive.Count);
            return result;
        }

        private static void Fill(List<double> counts, long[] into, int at)
        {
            long previous = 0;
            for (var i = 0; i < counts.Count; i++)
            {
                into[at + i] = (long)counts[i] - previous;
                previous = (long)counts[i];
            }
        }
    }

    /// <summary>Float counts: the first sample raw, later ones XOR-encoded against the previous value of the same field.</summary>
    private sealed class FloatSamples(BitOutput output)
    {
        private long _t, _tDelta;
        private XorValue _count, _zero, _sum;
        private XorValue[] _buckets = [];

        public void WriteAll(IReadOnlyList<HistogramSample> samples, int start, int end)
        {
            var layout = ChunkLayout.Of(samples[start].Histogram);
            for (var i = start; i < end; i++)
            {
                Write(samples[i].Timestamp, samples[i].Histogram, layout, first: i == start);
            }
        }

        private void Write(long t, FloatHistogram h, ChunkLayout layout, bool first)
        {
            var buckets = Buckets(h, layout);
            if (first)
            {
                Varbit.WriteInt(output, t);
                foreach (var v in (double[])[h.Count, h.ZeroCount, h.Sum, .. buckets])
                {
                    output.WriteBits(BitConverter.DoubleToUInt64Bits(v), 64);
                }
                (_count, _zero, _sum) = (new XorValue(h.Count), new XorValue(h.ZeroCount), new XorValue(h.Sum));
                _buckets = [.. buckets.Select(b => new XorValue(b))];
            }
            else
            {
                var tDelta = t - _t;
                Varbit.WriteInt(output, tDelta - _tDelta);
                _tDelta = tDelta;
                _count.Write(output, h.Count);
                _zero.Write(output, h.ZeroCount);
                _sum.Write(output, h.Sum);
                for (var i = 0; i < buckets.Count; i++)
                {
                    _buckets[i].Write(output, buckets[i]);
                }
            }
            _t = t;
        }
    }
}
