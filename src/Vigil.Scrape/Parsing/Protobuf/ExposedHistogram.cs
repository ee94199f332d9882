using Vigil.Model.Histograms;
using Vigil.Model.Protobuf;

namespace Vigil.Scrape.Parsing.Protobuf;

/// <summary>
/// The fields of an exposition-format <c>Histogram</c> message: the classic part (count, sum, cumulative buckets)
/// and the native part (schema, zero bucket, spans with deltas or counts). Client libraries may fill both.
/// </summary>
internal sealed class ExposedHistogram
{
    /// <summary>The native part; its count, zero count and integer flag are settled by <see cref="Native"/>.</summary>
    private readonly SparseHistogram _native = new();

    public ulong SampleCount { get; private set; }

    /// <summary>Overrides <see cref="SampleCount"/> when above 0 (float histograms).</summary>
    public double SampleCountFloat { get; private set; }

    public double SampleSum { get; private set; }

    /// <summary>Classic buckets in the order given: upper bound, cumulative count, cumulative float count (overrides when above 0).</summary>
    public List<(double UpperBound, ulong Count, double CountFloat)> Buckets { get; } = [];

    public ulong ZeroCount { get; private set; }

    public double ZeroCountFloat { get; private set; }

    /// <summary>The observation count the classic series report: the float count when set, else the integer one.</summary>
    public double Count => SampleCountFloat > 0 ? SampleCountFloat : SampleCount;

    /// <summary>
    /// Whether the message describes a native histogram: any span on either side, a zero threshold or a zero
    /// count. Upstream decides the same way, which is why libraries send an empty span for a native histogram
    /// without observations.
    /// </summary>
    public bool IsNative => _native.PositiveSpans.Count > 0 || _native.NegativeSpans.Count > 0 || _native.ZeroThreshold > 0 || ZeroCount > 0;

    public void Reset()
    {
        (SampleCount, SampleCountFloat, SampleSum, ZeroCount, ZeroCountFloat) = (0, 0, 0, 0, 0);
        Buckets.Clear();
        _native.Reset();
    }

    public void Read(ReadOnlySpan<byte> message)
    {
        var reader = new ProtoReader(message);
        while (reader.Next(out var field, out var wireType))
        {
            ReadField(ref reader, field, wireType);
        }
    }

    /// <summary>
    /// The native histogram: integer unless the float count or float zero count is set (as upstream decides),
    /// a gauge histogram's hint is gauge. Throws <see cref="InvalidHistogramException"/> when the fields disagree.
    /// </summary>
    public FloatHistogram Native(bool gauge)
    {
        var isFloat = SampleCountFloat > 0 || ZeroCountFloat > 0;
        _native.IntegerCounts = !isFloat;
        _native.Count = isFloat ? SampleCountFloat : SampleCount;
        _native.ZeroCount = isFloat ? ZeroCountFloat : ZeroCount;
        _native.Sum = SampleSum;
        _native.Hint = gauge ? CounterResetHint.Gauge : CounterResetHint.Unknown;
        return _native.Build();
    }

    private void ReadField(ref ProtoReader reader, int field, int wireType)
    {
        switch (field)
        {
            case 1:
                SampleCount = WireFields.Varint(ref reader, wireType, "Histogram", "sample_count");
                break;
            case 2:
                SampleSum = WireFields.Double(ref reader, wireType, "Histogram", "sample_sum");
                break;
            case 3:
                Buckets.Add(ReadBucket(WireFields.Bytes(ref reader, wireType, "Histogram", "bucket")));
                break;
            case 4:
                SampleCountFloat = WireFields.Double(ref reader, wireType, "Histogram", "sample_count_float");
                break;
            case 5:
                WireFields.Expect(wireType, ProtoReader.Varint, "Histogram", "schema");
                _native.Schema = (int)reader.ReadSInt64();
                break;
            case 6:
                _native.ZeroThreshold = WireFields.Double(ref reader, wireType, "Histogram", "zero_threshold");
                break;
            case 7:
                ZeroCount = WireFields.Varint(ref reader, wireType, "Histogram", "zero_count");
                break;
            case 8:
                ZeroCountFloat = WireFields.Double(ref reader, wireType, "Histogram", "zero_count_float");
                break;
            default:
                ReadBucketsField(ref reader, field, wireType);
                break;
        }
    }

    private void ReadBucketsField(ref ProtoReader reader, int field, int wireType)
    {
        switch (field)
        {
            case 9:
                WireFields.Expect(wireType, ProtoReader.LengthDelimited, "Histogram", "negative_span");
                _native.NegativeSpans.Add(reader.ReadBucketSpan());
                break;
            case 10:
                reader.ReadSInt64s(wireType, _native.NegativeDeltas);
                break;
            case 11:
                reader.ReadDoubles(wireType, _native.NegativeCounts);
                break;
            case 12:
                WireFields.Expect(wireType, ProtoReader.LengthDelimited, "Histogram", "positive_span");
                _native.PositiveSpans.Add(reader.ReadBucketSpan());
                break;
            case 13:
                reader.ReadSInt64s(wireType, _native.PositiveDeltas);
                break;
            case 14:
                reader.ReadDoubles(wireType, _native.PositiveCounts);
                break;
            default:
                // Start timestamp (15) and exemplars (16) are not ingested.
                reader.Skip(wireType);
                break;
        }
    }

    private static (double UpperBound, ulong Count, double CountFloat) ReadBucket(ReadOnlySpan<byte> message)
    {
        var reader = new ProtoReader(message);
        double upper = 0, countFloat = 0;
        ulong count = 0;
        while (reader.Next(out var field, out var wireType))
        {
            switch (field)
            {
                case 1:
                    count = WireFields.Varint(ref reader, wireType, "Bucket", "cumulative_count");
                    break;
                case 2:
                    upper = WireFields.Double(ref reader, wireType, "Bucket", "upper_bound");
                    break;
                case 4:
                    countFloat = WireFields.Double(ref reader, wireType, "Bucket", "cumulative_count_float");
                    break;
                default:
                    reader.Skip(wireType);
                    break;
            }
        }
        return (upper, count, countFloat);
    }
}
