using Google.Protobuf;

namespace Vigil.Api.Tests.Prometheus;

/// <summary>Builds remote write 1.0 bodies (protobuf + snappy) the way a sender does, for tests.</summary>
public static class RemoteWriteEncoder
{
    /// <summary>A series to send: labels in the given order (not sorted, duplicates kept) and (ms, value) samples.</summary>
    public sealed record Series((string Name, string Value)[] Labels, (long Timestamp, double Value)[] Samples)
    {
        /// <summary>Encoded <c>prometheus.Histogram</c> messages to attach (built with the test kit's HistogramProto).</summary>
        public IReadOnlyList<byte[]> Histograms { get; init; } = [];

        /// <summary>Exemplars to attach: labels, value and ms timestamp.</summary>
        public IReadOnlyList<((string Name, string Value)[] Labels, double Value, long Timestamp)> Exemplars { get; init; } = [];
    }

    /// <summary>The snappy-compressed WriteRequest.</summary>
    public static byte[] Encode(IEnumerable<Series> series) => Snappier.Snappy.CompressToArray(Protobuf(series));

    /// <summary>The uncompressed WriteRequest message.</summary>
    public static byte[] Protobuf(IEnumerable<Series> series)
    {
        using var buffer = new MemoryStream();
        var output = new CodedOutputStream(buffer);
        foreach (var s in series)
        {
            output.WriteTag(1, WireFormat.WireType.LengthDelimited);
            output.WriteBytes(ByteString.CopyFrom(SeriesMessage(s)));
        }
        output.Flush();
        return buffer.ToArray();
    }

    private static byte[] SeriesMessage(Series s)
    {
        using var buffer = new MemoryStream();
        var output = new CodedOutputStream(buffer);
        foreach (var (name, value) in s.Labels)
        {
            output.WriteTag(1, WireFormat.WireType.LengthDelimited);
            output.WriteBytes(Message(o =>
            {
                o.WriteTag(1, WireFormat.WireType.LengthDelimited);
                o.WriteString(name);
                o.WriteTag(2, WireFormat.WireType.LengthDelimited);
                o.WriteString(value);
            }));
        }
        foreach (var (t, v) in s.Samples)
        {
            output.WriteTag(2, WireFormat.WireType.LengthDelimited);
            output.WriteBytes(Message(o =>
            {
                o.WriteTag(1, WireFormat.WireType.Fixed64);
                o.WriteDouble(v);
                o.WriteTag(2, WireFormat.WireType.Varint);
                o.WriteInt64(t);
            }));
        }
        foreach (var (labels, v, t) in s.Exemplars)
        {
            output.WriteTag(3, WireFormat.WireType.LengthDelimited);
            output.WriteBytes(Message(o =>
            {
                foreach (var (name, value) in labels)
                {
                    o.WriteTag(1, WireFormat.WireType.LengthDelimited);
                    o.WriteBytes(Message(l =>
                    {
                        l.WriteTag(1, WireFormat.WireType.LengthDelimited);
                        l.WriteString(name);
                        l.WriteTag(2, WireFormat.WireType.LengthDelimited);
                        l.WriteString(value);
                    }));
                }
                o.WriteTag(2, WireFormat.WireType.Fixed64);
                o.WriteDouble(v);
                o.WriteTag(3, WireFormat.WireType.Varint);
                o.WriteInt64(t);
            }));
        }
        foreach (var histogram in s.Histograms)
        {
            output.WriteTag(4, WireFormat.WireType.LengthDelimited);
            output.WriteBytes(ByteString.CopyFrom(histogram));
        }
        output.Flush();
        return buffer.ToArray();
    }

    internal static ByteString Message(Action<CodedOutputStream> write)
    {
        using var buffer = new MemoryStream();
        var output = new CodedOutputStream(buffer);
        write(output);
        output.Flush();
        return ByteString.CopyFrom(buffer.ToArray());
    }
}
