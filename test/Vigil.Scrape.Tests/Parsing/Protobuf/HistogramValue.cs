using Google.Protobuf;
using static Google.Protobuf.WireFormat;

namespace Vigil.Scrape.Tests.Parsing.Protobuf;

/// <summary>An exposition-format Histogram message (classic buckets and/or native parts), encoded as a client library does.</summary>
internal sealed record HistogramValue
{
    public ulong Count { get; init; }

    public double CountFloat { get; init; }

    public double Sum { get; init; }

    /// <summary>Classic buckets: upper bound and cumulative count.</summary>
    public (double UpperBound, ulong Count)[] Buckets { get; init; } = [];

    /// <summary>Classic buckets with float counts (cumulative_count_float).</summary>
    public (double UpperBound, double Count)[] FloatBuckets { get; init; } = [];

    public int Schema { get; init; }

    public double ZeroThreshold { get; init; }

    public ulong ZeroCount { get; init; }

    public double ZeroCountFloat { get; init; }

    public (int Offset, uint Length)[] PositiveSpans { get; init; } = [];

    public long[] PositiveDeltas { get; init; } = [];

    public double[] PositiveCounts { get; init; } = [];

    public (int Offset, uint Length)[] NegativeSpans { get; init; } = [];

    public long[] NegativeDeltas { get; init; } = [];

    public byte[] Encode() => ExpositionProto.Message(o =>
    {
        o.WriteTag(1, WireType.Varint);
        o.WriteUInt64(Count);
        ExpositionProto.Double(o, 2, Sum);
        foreach (var (upper, count) in Buckets)
        {
            ExpositionProto.Bytes(o, 3, ExpositionProto.Message(b =>
            {
                b.WriteTag(1, WireType.Varint);
                b.WriteUInt64(count);
                ExpositionProto.Double(b, 2, upper);
            }));
        }
        foreach (var (upper, count) in FloatBuckets)
        {
            ExpositionProto.Bytes(o, 3, ExpositionProto.Message(b =>
            {
                ExpositionProto.Double(b, 2, upper);
                ExpositionProto.Double(b, 4, count);
            }));
        }
        if (CountFloat != 0)
        {
            ExpositionProto.Double(o, 4, CountFloat);
        }
        o.WriteTag(5, WireType.Varint);
        o.WriteSInt32(Schema);
        ExpositionProto.Double(o, 6, ZeroThreshold);
        o.WriteTag(7, WireType.Varint);
        o.WriteUInt64(ZeroCount);
        if (ZeroCountFloat != 0)
        {
            ExpositionProto.Double(o, 8, ZeroCountFloat);
        }
        Spans(o, 9, NegativeSpans);
        Packed(o, 10, NegativeDeltas);
        Spans(o, 12, PositiveSpans);
        Packed(o, 13, PositiveDeltas);
        if (PositiveCounts.Length > 0)
        {
            o.WriteTag(14, WireType.LengthDelimited);
            o.WriteLength(PositiveCounts.Length * 8);
            foreach (var c in PositiveCounts)
            {
                o.WriteDouble(c);
            }
        }
    });

    private static void Spans(CodedOutputStream o, int field, (int Offset, uint Length)[] spans)
    {
        foreach (var (offset, length) in spans)
        {
            ExpositionProto.Bytes(o, field, ExpositionProto.Message(s =>
            {
                s.WriteTag(1, WireType.Varint);
                s.WriteSInt32(offset);
                s.WriteTag(2, WireType.Varint);
                s.WriteUInt32(length);
            }));
        }
    }

    private static void Packed(CodedOutputStream o, int field, long[] values)
    {
        if (values.Length == 0)
        {
            return;
        }
        var packed = ExpositionProto.Message(p =>
        {
            foreach (var v in values)
            {
                p.WriteSInt64(v);
            }
        });
        ExpositionProto.Bytes(o, field, packed);
    }
}
