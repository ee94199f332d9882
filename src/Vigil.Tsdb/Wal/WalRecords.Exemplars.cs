using Vigil.Model.Labels;
using Vigil.Storage.Exemplars;

namespace Vigil.Tsdb.Wal;

/// <summary>An exemplar as the WAL records it: the series reference, time, value and the exemplar's labels.</summary>
public readonly record struct WalExemplar(ulong Ref, long Timestamp, double Value, LabelSet Labels)
{
    /// <summary>The exemplar to store again on replay (its time is kept, so it counts as given).</summary>
    public Exemplar ToExemplar() => new(Labels, Value, Timestamp);
}

/// <summary>The exemplars record, written after the samples of the same commit so replay finds their series.</summary>
public static partial class WalRecords
{
    /// <summary>Encodes an exemplars record: count, first timestamp, then per exemplar reference, time delta, value bits and labels.</summary>
    public static byte[] EncodeExemplars(IReadOnlyList<WalExemplar> exemplars)
    {
        var w = new ByteWriter((48 * exemplars.Count) + 16);
        w.Byte((byte)WalRecordType.Exemplars);
        w.Uvarint((ulong)exemplars.Count);
        var baseTime = exemplars.Count > 0 ? exemplars[0].Timestamp : 0;
        w.Varint(baseTime);
        foreach (var (reference, t, v, labels) in exemplars)
        {
            w.Uvarint(reference);
            w.Varint(unchecked(t - baseTime));
            w.UInt64(BitConverter.DoubleToUInt64Bits(v));
            w.Uvarint((ulong)labels.Count);
            foreach (var label in labels.AsSpan())
            {
                w.String(label.Name);
                w.String(label.Value);
            }
        }
        return w.ToArray();
    }

    /// <summary>Decodes an exemplars record into <paramref name="into"/>; throws <see cref="InvalidDataException"/> when malformed.</summary>
    public static void DecodeExemplars(ReadOnlySpan<byte> payload, List<WalExemplar> into)
    {
        ArgumentNullException.ThrowIfNull(into);
        var r = new ByteReader(payload, 1);
        var count = r.Count();
        var baseTime = r.Varint();
        for (var i = 0; i < count; i++)
        {
            var reference = r.Uvarint();
            var t = unchecked(baseTime + r.Varint());
            var v = BitConverter.UInt64BitsToDouble(r.UInt64());
            var labels = new Label[r.Count()];
            for (var j = 0; j < labels.Length; j++)
            {
                labels[j] = new Label(r.String(), r.String());
            }
            into.Add(new WalExemplar(reference, t, v, LabelSet.From(labels)));
        }
    }
}
