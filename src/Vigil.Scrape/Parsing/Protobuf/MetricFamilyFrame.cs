using Vigil.Model.Protobuf;

namespace Vigil.Scrape.Parsing.Protobuf;

/// <summary>
/// One <c>MetricFamily</c> message's own fields, as offsets into the payload: name, help, unit and type, and where
/// each of its <c>Metric</c> messages lies (decoded one at a time later, so a family costs no per-metric objects).
/// </summary>
internal sealed class MetricFamilyFrame
{
    /// <summary>The family's metrics: payload offsets [start, end) of each <c>Metric</c> message.</summary>
    public List<(int Start, int End)> Metrics { get; } = [];

    public int NameStart { get; private set; }

    public int NameEnd { get; private set; }

    public int HelpStart { get; private set; }

    public int HelpEnd { get; private set; }

    public int UnitStart { get; private set; }

    public int UnitEnd { get; private set; }

    /// <summary>The <c>MetricType</c> enum's number (0 counter, 1 gauge, 2 summary, 3 untyped, 4 histogram, 5 gauge histogram).</summary>
    public ulong Type { get; private set; }

    /// <summary>Reads the family message at payload[<paramref name="start"/>..<paramref name="end"/>).</summary>
    public void Read(ReadOnlySpan<byte> payload, int start, int end)
    {
        Metrics.Clear();
        (NameStart, NameEnd, HelpStart, HelpEnd, UnitStart, UnitEnd, Type) = (start, start, start, start, start, start, 0);
        var reader = new ProtoReader(payload[start..end]);
        while (reader.Next(out var field, out var wireType))
        {
            switch (field)
            {
                case 1:
                    (NameStart, NameEnd) = Range(ref reader, wireType, start, "name");
                    break;
                case 2:
                    (HelpStart, HelpEnd) = Range(ref reader, wireType, start, "help");
                    break;
                case 3:
                    Type = WireFields.Varint(ref reader, wireType, "MetricFamily", "type");
                    break;
                case 4:
                    Metrics.Add(Range(ref reader, wireType, start, "metric"));
                    break;
                case 5:
                    (UnitStart, UnitEnd) = Range(ref reader, wireType, start, "unit");
                    break;
                default:
                    reader.Skip(wireType);
                    break;
            }
        }
    }

    /// <summary>A length-delimited field's payload offsets: it ends where the reader now is.</summary>
    private static (int Start, int End) Range(ref ProtoReader reader, int wireType, int messageStart, string name)
    {
        var length = WireFields.Bytes(ref reader, wireType, "MetricFamily", name).Length;
        var end = messageStart + reader.Position;
        return (end - length, end);
    }
}
