using Vigil.Api.Prometheus.RemoteWrite;
using Vigil.Model.Histograms;

namespace Vigil.Api.Prometheus.RemoteRead.HistogramChunks;

/// <summary>
/// What every sample of one upstream histogram chunk shares and the chunk writes once, after its 3-byte header: the
/// zero bucket's threshold, the schema, the positive and negative spans and, for custom buckets, the bounds.
/// </summary>
internal sealed record ChunkLayout(
    int Schema, double ZeroThreshold, List<(int Offset, uint Length)> Positive, List<(int Offset, uint Length)> Negative, IReadOnlyList<double>? CustomValues)
{
    // The threshold as 2^(code-243) for powers of two in the range upstream picked, a raw float otherwise.
    private const int ThresholdBias = 243;

    public static ChunkLayout Of(FloatHistogram h) =>
        new(h.Schema, h.ZeroThreshold, BucketSpans.Of(h.Positive), BucketSpans.Of(h.Negative), h.CustomValues);

    public int PositiveBuckets => (int)Positive.Sum(s => (long)s.Length);

    public int NegativeBuckets => (int)Negative.Sum(s => (long)s.Length);

    public bool SameAs(ChunkLayout other) =>
        Schema == other.Schema && ZeroThreshold.Equals(other.ZeroThreshold) && Positive.SequenceEqual(other.Positive)
        && Negative.SequenceEqual(other.Negative) && (CustomValues ?? []).SequenceEqual(other.CustomValues ?? []);

    public void Write(BitOutput output)
    {
        WriteThreshold(output, ZeroThreshold);
        Varbit.WriteInt(output, Schema);
        WriteSpans(output, Positive);
        WriteSpans(output, Negative);
        if (Schema == FloatHistogram.CustomBucketsSchema)
        {
            var bounds = CustomValues ?? [];
            Varbit.WriteUInt(output, (ulong)bounds.Count);
            foreach (var bound in bounds)
            {
                // Upstream also has a compact form for bounds that are whole thousandths; the raw form is always valid.
                output.WriteBit(false);
                output.WriteBits(BitConverter.DoubleToUInt64Bits(bound), 64);
            }
        }
    }

    public static ChunkLayout Read(BitInput input)
    {
        var threshold = ReadThreshold(input);
        var schema = (int)Varbit.ReadInt(input);
        var positive = ReadSpans(input);
        var negative = ReadSpans(input);
        List<double>? bounds = null;
        if (schema == FloatHistogram.CustomBucketsSchema)
        {
            var count = Varbit.ReadUInt(input);
            bounds = [];
            for (ulong i = 0; i < count; i++)
            {
                var code = Varbit.ReadUInt(input);
                bounds.Add(code == 0 ? BitConverter.UInt64BitsToDouble(input.ReadBits(64)) : (code - 1) / 1000.0);
            }
        }
        return new ChunkLayout(schema, threshold, positive, negative, bounds);
    }

    /// <summary>The histogram with these spans and the given counts (absolute, in span order).</summary>
    public FloatHistogram Histogram(double count, double zeroCount, double sum, double[] positive, double[] negative, CounterResetHint hint)
    {
        var custom = Schema == FloatHistogram.CustomBucketsSchema;
        return new FloatHistogram(
            Schema, custom ? 0 : ZeroThreshold, zeroCount, count, sum, Run(Positive, positive), Run(Negative, negative), hint,
            custom ? CustomValues ?? [] : null);
    }

    private static Model.Histograms.BucketRun Run(List<(int Offset, uint Length)> spans, double[] counts)
    {
        if (spans.Count == 0 || counts.Length == 0)
        {
            return Model.Histograms.BucketRun.Empty;
        }
        var first = spans[0].Offset;
        var end = (long)first;
        for (var i = 0; i < spans.Count; i++)
        {
            end += (i > 0 ? spans[i].Offset : 0) + spans[i].Length;
        }
        if (end - first > Model.Histograms.SparseHistogram.MaxBucketIndexRange)
        {
            throw new FormatException($"histogram chunk spans {end - first} bucket indexes");
        }
        var dense = new double[end - first];
        long index = first;
        var k = 0;
        for (var i = 0; i < spans.Count; i++)
        {
            index += i > 0 ? spans[i].Offset : 0;
            for (var j = 0; j < spans[i].Length; j++, index++)
            {
                dense[index - first] = counts[k++];
            }
        }
        return new Model.Histograms.BucketRun(first, dense);
    }

    private static void WriteSpans(BitOutput output, List<(int Offset, uint Length)> spans)
    {
        Varbit.WriteUInt(output, (ulong)spans.Count);
        foreach (var (offset, length) in spans)
        {
            Varbit.WriteUInt(output, length);
            Varbit.WriteInt(output, offset);
        }
    }

    private static List<(int Offset, uint Length)> ReadSpans(BitInput input)
    {
        var count = Varbit.ReadUInt(input);
        var spans = new List<(int Offset, uint Length)>();
        for (ulong i = 0; i < count; i++)
        {
            var length = Varbit.ReadUInt(input);
            var offset = Varbit.ReadInt(input);
            if (length > int.MaxValue || offset is < int.MinValue or > int.MaxValue || (i > 0 && offset < 0))
            {
                throw new FormatException($"histogram chunk has an invalid span (offset {offset}, length {length})");
            }
            spans.Add(((int)offset, (uint)length));
        }
        return spans;
    }

    private static void WriteThreshold(BitOutput output, double threshold)
    {
        if (threshold == 0)
        {
            output.Byte(0);
            return;
        }
        var exponent = Math.ILogB(threshold) + 1;
        if (threshold > 0 && Math.ScaleB(0.5, exponent) == threshold && exponent is >= -242 and <= 11)
        {
            output.Byte((byte)(exponent + ThresholdBias));
            return;
        }
        output.Byte(255);
        output.WriteBits(BitConverter.DoubleToUInt64Bits(threshold), 64);
    }

    private static double ReadThreshold(BitInput input)
    {
        var code = (int)input.ReadBits(8);
        return code switch
        {
            0 => 0,
            255 => BitConverter.UInt64BitsToDouble(input.ReadBits(64)),
            _ => Math.ScaleB(0.5, code - ThresholdBias),
        };
    }
}
