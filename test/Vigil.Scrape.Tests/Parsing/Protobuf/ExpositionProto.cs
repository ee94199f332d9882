using Google.Protobuf;
using static Google.Protobuf.WireFormat;

namespace Vigil.Scrape.Tests.Parsing.Protobuf;

/// <summary>
/// Encodes exposition-format messages (io.prometheus.client, metrics.proto numbering) field by field, as a client
/// library writes them, so parser tests state their input in the test.
/// </summary>
internal static class ExpositionProto
{
    public const int Counter = 0;
    public const int Gauge = 1;
    public const int Summary = 2;
    public const int Untyped = 3;
    public const int Histogram = 4;
    public const int GaugeHistogram = 5;

    /// <summary>A scrape body: each family message with its varint length in front.</summary>
    public static byte[] Body(params byte[][] families)
    {
        using var stream = new MemoryStream();
        foreach (var family in families)
        {
            var output = new CodedOutputStream(stream, leaveOpen: true);
            output.WriteLength(family.Length);
            output.Flush();
            stream.Write(family);
        }
        return stream.ToArray();
    }

    public static byte[] Family(string name, int type, string help, string unit, params byte[][] metrics) => Message(o =>
    {
        Text(o, 1, name);
        if (help.Length > 0)
        {
            Text(o, 2, help);
        }
        o.WriteTag(3, WireType.Varint);
        o.WriteInt32(type);
        foreach (var metric in metrics)
        {
            Bytes(o, 4, metric);
        }
        if (unit.Length > 0)
        {
            Text(o, 5, unit);
        }
    });

    /// <summary>A Metric: label pairs, one value field (number and sub-message) and an optional timestamp.</summary>
    public static byte[] Metric((string Name, string Value)[] labels, int valueField, byte[] value, long timestampMs = 0) => Message(o =>
    {
        foreach (var (name, v) in labels)
        {
            Bytes(o, 1, Message(p =>
            {
                Text(p, 1, name);
                Text(p, 2, v);
            }));
        }
        Bytes(o, valueField, value);
        if (timestampMs != 0)
        {
            o.WriteTag(6, WireType.Varint);
            o.WriteInt64(timestampMs);
        }
    });

    /// <summary>The Gauge/Counter/Untyped sub-message (field 1: value); put it in field 2, 3 or 5 of a Metric.</summary>
    public static byte[] Value(double v) => Message(o => Double(o, 1, v));

    public static byte[] SummaryValue(ulong count, double sum, params (double Quantile, double Value)[] quantiles) => Message(o =>
    {
        o.WriteTag(1, WireType.Varint);
        o.WriteUInt64(count);
        Double(o, 2, sum);
        foreach (var (q, v) in quantiles)
        {
            Bytes(o, 3, Message(p =>
            {
                Double(p, 1, q);
                Double(p, 2, v);
            }));
        }
    });

    public static byte[] Message(Action<CodedOutputStream> write)
    {
        using var stream = new MemoryStream();
        var output = new CodedOutputStream(stream);
        write(output);
        output.Flush();
        return stream.ToArray();
    }

    public static void Text(CodedOutputStream o, int field, string value)
    {
        o.WriteTag(field, WireType.LengthDelimited);
        o.WriteString(value);
    }

    public static void Bytes(CodedOutputStream o, int field, byte[] value)
    {
        o.WriteTag(field, WireType.LengthDelimited);
        o.WriteBytes(ByteString.CopyFrom(value));
    }

    public static void Double(CodedOutputStream o, int field, double value)
    {
        o.WriteTag(field, WireType.Fixed64);
        o.WriteDouble(value);
    }
}
