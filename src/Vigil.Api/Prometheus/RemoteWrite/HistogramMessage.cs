using Vigil.Model.Histograms;

namespace Vigil.Api.Prometheus.RemoteWrite;

/// <summary>The fields of one <c>prometheus.Histogram</c> message as read from the wire (remote write 1.0 numbering).</summary>
internal sealed class HistogramMessage
{
    public double Count { get; private set; }

    /// <summary>Whether counts came as integers (count_int; buckets as deltas) rather than floats.</summary>
    public bool IntegerCounts { get; private set; } = true;

    public double Sum { get; private set; }

    public int Schema { get; private set; }

    public double ZeroThreshold { get; private set; }

    public double ZeroCount { get; private set; }

    public List<(int Offset, uint Length)> NegativeSpans { get; } = [];

    public List<long> NegativeDeltas { get; } = [];

    public List<double> NegativeCounts { get; } = [];

    public List<(int Offset, uint Length)> PositiveSpans { get; } = [];

    public List<long> PositiveDeltas { get; } = [];

    public List<double> PositiveCounts { get; } = [];

    public CounterResetHint Hint { get; private set; }

    public long Timestamp { get; private set; }

    public List<double> CustomValues { get; } = [];

    public void Read(ref ProtoReader reader, int field, int wireType)
    {
        switch (field)
        {
            case 1 when wireType == ProtoReader.Varint:
                Count = reader.ReadVarint();
                break;
            case 2 when wireType == ProtoReader.Fixed64:
                Count = Double(ref reader);
                IntegerCounts = false;
                break;
            case 3 when wireType == ProtoReader.Fixed64:
                Sum = Double(ref reader);
                break;
            case 4 when wireType == ProtoReader.Varint:
                Schema = (int)ZigZag(reader.ReadVarint());
                break;
            case 5 when wireType == ProtoReader.Fixed64:
                ZeroThreshold = Double(ref reader);
                break;
            case 6 when wireType == ProtoReader.Varint:
                ZeroCount = reader.ReadVarint();
                break;
            case 7 when wireType == ProtoReader.Fixed64:
                ZeroCount = Double(ref reader);
                break;
            case 8 when wireType == ProtoReader.LengthDelimited:
                NegativeSpans.Add(Span(reader.ReadBytes()));
                break;
            case 9:
                ReadSInt64s(ref reader, wireType, NegativeDeltas);
                break;
            case 10:
                ReadDoubles(ref reader, wireType, NegativeCounts);
                break;
            case 11 when wireType == ProtoReader.LengthDelimited:
                PositiveSpans.Add(Span(reader.ReadBytes()));
                break;
            case 12:
                ReadSInt64s(ref reader, wireType, PositiveDeltas);
                break;
            case 13:
                ReadDoubles(ref reader, wireType, PositiveCounts);
                break;
            case 14 when wireType == ProtoReader.Varint:
                Hint = reader.ReadVarint() switch
                {
                    1 => CounterResetHint.Reset,
                    2 => CounterResetHint.NotReset,
                    3 => CounterResetHint.Gauge,
                    _ => CounterResetHint.Unknown,
                };
                break;
            case 15 when wireType == ProtoReader.Varint:
                Timestamp = unchecked((long)reader.ReadVarint());
                break;
            case 16:
                ReadDoubles(ref reader, wireType, CustomValues);
                break;
            default:
                reader.Skip(wireType);
                break;
        }
    }

    private static double Double(ref ProtoReader reader) => BitConverter.UInt64BitsToDouble(reader.ReadFixed64());

    private static long ZigZag(ulong z) => (long)(z >> 1) ^ -(long)(z & 1);

    private static (int Offset, uint Length) Span(ReadOnlySpan<byte> message)
    {
        var reader = new ProtoReader(message);
        int offset = 0;
        uint length = 0;
        while (reader.Next(out var field, out var wireType))
        {
            switch (field)
            {
                case 1 when wireType == ProtoReader.Varint:
                    offset = (int)ZigZag(reader.ReadVarint());
                    break;
                case 2 when wireType == ProtoReader.Varint:
                    length = (uint)reader.ReadVarint();
                    break;
                default:
                    reader.Skip(wireType);
                    break;
            }
        }
        return (offset, length);
    }

    // Repeated scalars come packed (one length-delimited field) from current senders, one by one from old ones.
    private static void ReadSInt64s(ref ProtoReader reader, int wireType, List<long> into)
    {
        if (wireType == ProtoReader.LengthDelimited)
        {
            var packed = new ProtoReader(reader.ReadBytes());
            while (!packed.AtEnd)
            {
                into.Add(ZigZag(packed.ReadVarint()));
            }
        }
        else if (wireType == ProtoReader.Varint)
        {
            into.Add(ZigZag(reader.ReadVarint()));
        }
        else
        {
            reader.Skip(wireType);
        }
    }

    private static void ReadDoubles(ref ProtoReader reader, int wireType, List<double> into)
    {
        if (wireType == ProtoReader.LengthDelimited)
        {
            var packed = new ProtoReader(reader.ReadBytes());
            while (!packed.AtEnd)
            {
                into.Add(Double(ref packed));
            }
        }
        else if (wireType == ProtoReader.Fixed64)
        {
            into.Add(Double(ref reader));
        }
        else
        {
            reader.Skip(wireType);
        }
    }
}
