using Google.Protobuf;

namespace Vigil.Api.Tests.Prometheus;

/// <summary>Builds a remote write 1.0 <c>prometheus.Histogram</c> message as a sender does (packed repeated fields).</summary>
public sealed class HistogramProto(long timestamp)
{
    public ulong? CountInt { get; init; }

    public double? CountFloat { get; init; }

    public double Sum { get; init; }

    public int Schema { get; init; }

    public double ZeroThreshold { get; init; }

    public ulong? ZeroCountInt { get; init; }

    public double? ZeroCountFloat { get; init; }

    public (int Offset, uint Length)[] PositiveSpans { get; init; } = [];

    public long[] PositiveDeltas { get; init; } = [];

    public double[] PositiveCounts { get; init; } = [];

    public (int Offset, uint Length)[] NegativeSpans { get; init; } = [];

    public long[] NegativeDeltas { get; init; } = [];

    public int ResetHint { get; init; }

    public double[] CustomValues { get; init; } = [];

    public byte[] Build() => RemoteWriteEncoder.Message(o =>
    {
        if (CountInt is { } ci)
        {
            o.WriteTag(1, WireFormat.WireType.Varint);
            o.WriteUInt64(ci);
        }
        if (CountFloat is { } cf)
        {
            o.WriteTag(2, WireFormat.WireType.Fixed64);
            o.WriteDouble(cf);
        }
        o.WriteTag(3, WireFormat.WireType.Fixed64);
        o.WriteDouble(Sum);
        o.WriteTag(4, WireFormat.WireType.Varint);
        o.WriteSInt32(Schema);
        o.WriteTag(5, WireFormat.WireType.Fixed64);
        o.WriteDouble(ZeroThreshold);
        if (ZeroCountInt is { } zi)
        {
            o.WriteTag(6, WireFormat.WireType.Varint);
            o.WriteUInt64(zi);
        }
        if (ZeroCountFloat is { } zf)
        {
            o.WriteTag(7, WireFormat.WireType.Fixed64);
            o.WriteDouble(zf);
        }
        Spans(o, 8, NegativeSpans);
        Packed(o, 9, NegativeDeltas);
        Spans(o, 11, PositiveSpans);
        Packed(o, 12, PositiveDeltas);
        PackedDoubles(o, 13, PositiveCounts);
        o.WriteTag(14, WireFormat.WireType.Varint);
        o.WriteInt32(ResetHint);
        o.WriteTag(15, WireFormat.WireType.Varint);
        o.WriteInt64(timestamp);
        PackedDoubles(o, 16, CustomValues);
    }).ToByteArray();

    private static void Spans(CodedOutputStream o, int field, (int Offset, uint Length)[] spans)
    {
        foreach (var (offset, length) in spans)
        {
            o.WriteTag(field, WireFormat.WireType.LengthDelimited);
            o.WriteBytes(RemoteWriteEncoder.Message(s =>
            {
                s.WriteTag(1, WireFormat.WireType.Varint);
                s.WriteSInt32(offset);
                s.WriteTag(2, WireFormat.WireType.Varint);
                s.WriteUInt32(length);
            }));
        }
    }

    private static void Packed(CodedOutputStream o, int field, long[] values)
    {
        if (values.Length > 0)
        {
            o.WriteTag(field, WireFormat.WireType.LengthDelimited);
            o.WriteBytes(RemoteWriteEncoder.Message(p =>
            {
                foreach (var v in values)
                {
                    p.WriteSInt64(v);
                }
            }));
        }
    }

    private static void PackedDoubles(CodedOutputStream o, int field, double[] values)
    {
        if (values.Length > 0)
        {
            o.WriteTag(field, WireFormat.WireType.LengthDelimited);
            o.WriteBytes(RemoteWriteEncoder.Message(p =>
            {
                foreach (var v in values)
                {
                    p.WriteDouble(v);
                }
            }));
        }
    }
}
