using Vigil.Model.Histograms;

namespace Vigil.Api.Prometheus.RemoteWrite;

/// <summary>The fields of one <c>prometheus.Histogram</c> message as read from the wire (remote write 1.0 numbering).</summary>
internal sealed class HistogramMessage
{
    /// <summary>The histogram's fields, checked and built by <see cref="SparseHistogram.Build"/>.</summary>
    public SparseHistogram Parts { get; } = new();

    public long Timestamp { get; private set; }

    public void Read(ref ProtoReader reader, int field, int wireType)
    {
        switch (field)
        {
            case 1 when wireType == ProtoReader.Varint:
                Parts.Count = reader.ReadVarint();
                break;
            case 2 when wireType == ProtoReader.Fixed64:
                Parts.Count = reader.ReadDouble();
                Parts.IntegerCounts = false;
                break;
            case 3 when wireType == ProtoReader.Fixed64:
                Parts.Sum = reader.ReadDouble();
                break;
            case 4 when wireType == ProtoReader.Varint:
                Parts.Schema = (int)reader.ReadSInt64();
                break;
            case 5 when wireType == ProtoReader.Fixed64:
                Parts.ZeroThreshold = reader.ReadDouble();
                break;
            case 6 when wireType == ProtoReader.Varint:
                Parts.ZeroCount = reader.ReadVarint();
                break;
            case 7 when wireType == ProtoReader.Fixed64:
                Parts.ZeroCount = reader.ReadDouble();
                break;
            case 8 when wireType == ProtoReader.LengthDelimited:
                Parts.NegativeSpans.Add(reader.ReadBucketSpan());
                break;
            case 9:
                reader.ReadSInt64s(wireType, Parts.NegativeDeltas);
                break;
            case 10:
                reader.ReadDoubles(wireType, Parts.NegativeCounts);
                break;
            case 11 when wireType == ProtoReader.LengthDelimited:
                Parts.PositiveSpans.Add(reader.ReadBucketSpan());
                break;
            case 12:
                reader.ReadSInt64s(wireType, Parts.PositiveDeltas);
                break;
            case 13:
                reader.ReadDoubles(wireType, Parts.PositiveCounts);
                break;
            case 14 when wireType == ProtoReader.Varint:
                Parts.Hint = reader.ReadVarint() switch
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
                reader.ReadDoubles(wireType, Parts.CustomValues);
                break;
            default:
                reader.Skip(wireType);
                break;
        }
    }
}
