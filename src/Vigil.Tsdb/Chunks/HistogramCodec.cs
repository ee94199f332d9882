using Vigil.Model.Histograms;

namespace Vigil.Tsdb.Chunks;

/// <summary>
/// Writes one native histogram relative to the previous one of its series (or to nothing): a flags byte (the
/// counter reset hint in two bits, and whether the bucket layout follows), the layout only when it changed
/// (schema, zero threshold, each side's first index and length, custom bounds), then count, sum, zero count and
/// every bucket XOR-ed against the previous histogram's value for the same bucket index (<see cref="ByteOutput.Xor"/>).
/// Shared by histogram chunks and the WAL's histogram record.
/// </summary>
internal static class HistogramCodec
{
    private const int LayoutFlag = 4;
    private const int HintMask = 3;

    /// <summary>At most this many buckets per side or custom bounds are read back (guards corrupt input).</summary>
    private const int MaxBuckets = 1 << 16;

    public static void Write(ByteOutput output, FloatHistogram h, FloatHistogram? previous)
    {
        var layout = previous is null || !SameLayout(h, previous);
        output.Byte((byte)((int)h.Hint | (layout ? LayoutFlag : 0)));
        if (layout)
        {
            WriteLayout(output, h);
        }
        output.Xor(h.Count, previous?.Count ?? 0);
        output.Xor(h.Sum, previous?.Sum ?? 0);
        output.Xor(h.ZeroCount, previous?.ZeroCount ?? 0);
        WriteBuckets(output, h.Positive, previous?.Positive);
        WriteBuckets(output, h.Negative, previous?.Negative);
    }

    public static FloatHistogram Read(ref ByteInput input, FloatHistogram? previous)
    {
        var flags = input.Byte();
        var hint = (CounterResetHint)(flags & HintMask);
        int schema, positiveOffset, positiveLength, negativeOffset, negativeLength;
        double threshold;
        IReadOnlyList<double>? custom;
        if ((flags & LayoutFlag) != 0)
        {
            schema = (int)input.Varint();
            threshold = input.Raw();
            (positiveOffset, positiveLength) = ((int)input.Varint(), input.Count(MaxBuckets));
            (negativeOffset, negativeLength) = ((int)input.Varint(), input.Count(MaxBuckets));
            custom = schema == FloatHistogram.CustomBucketsSchema ? ReadBounds(ref input) : null;
        }
        else if (previous is not null)
        {
            (schema, threshold, custom) = (previous.Schema, previous.ZeroThreshold, previous.CustomValues);
            (positiveOffset, positiveLength) = (previous.Positive.Offset, previous.Positive.Count);
            (negativeOffset, negativeLength) = (previous.Negative.Offset, previous.Negative.Count);
        }
        else
        {
            throw new InvalidDataException("histogram without a bucket layout and no previous one to take it from");
        }
        var count = input.Xor(previous?.Count ?? 0);
        var sum = input.Xor(previous?.Sum ?? 0);
        var zero = input.Xor(previous?.ZeroCount ?? 0);
        var positive = ReadBuckets(ref input, positiveOffset, positiveLength, previous?.Positive);
        var negative = ReadBuckets(ref input, negativeOffset, negativeLength, previous?.Negative);
        try
        {
            return new FloatHistogram(schema, threshold, zero, count, sum, positive, negative, hint, custom);
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException("stored histogram is invalid: " + e.Message);
        }
    }

    private static void WriteLayout(ByteOutput output, FloatHistogram h)
    {
        output.Varint(h.Schema);
        output.Raw(h.ZeroThreshold);
        output.Varint(h.Positive.Offset);
        output.Uvarint((ulong)h.Positive.Count);
        output.Varint(h.Negative.Offset);
        output.Uvarint((ulong)h.Negative.Count);
        if (h.CustomValues is { } bounds)
        {
            output.Uvarint((ulong)bounds.Count);
            foreach (var bound in bounds)
            {
                output.Raw(bound);
            }
        }
    }

    private static double[] ReadBounds(ref ByteInput input)
    {
        var bounds = new double[input.Count(MaxBuckets)];
        for (var i = 0; i < bounds.Length; i++)
        {
            bounds[i] = input.Raw();
        }
        return bounds;
    }

    private static void WriteBuckets(ByteOutput output, BucketRun run, BucketRun? previous)
    {
        for (var k = 0; k < run.Count; k++)
        {
            output.Xor(run.Counts[k], previous?.At(run.Offset + k) ?? 0);
        }
    }

    private static BucketRun ReadBuckets(ref ByteInput input, int offset, int length, BucketRun? previous)
    {
        if (length == 0)
        {
            return BucketRun.Empty;
        }
        var counts = new double[length];
        for (var k = 0; k < length; k++)
        {
            counts[k] = input.Xor(previous?.At(offset + k) ?? 0);
        }
        return new BucketRun(offset, counts);
    }

    private static bool SameLayout(FloatHistogram a, FloatHistogram b) =>
        a.Schema == b.Schema
        && BitConverter.DoubleToUInt64Bits(a.ZeroThreshold) == BitConverter.DoubleToUInt64Bits(b.ZeroThreshold)
        && a.Positive.Offset == b.Positive.Offset && a.Positive.Count == b.Positive.Count
        && a.Negative.Offset == b.Negative.Offset && a.Negative.Count == b.Negative.Count
        && SameBounds(a.CustomValues, b.CustomValues);

    private static bool SameBounds(IReadOnlyList<double>? a, IReadOnlyList<double>? b) =>
        ReferenceEquals(a, b) || (a is not null && b is not null && a.SequenceEqual(b));
}
