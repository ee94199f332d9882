using Vigil.Tsdb.Tombstones;

namespace Vigil.Tsdb.Wal;

/// <summary>The tombstones record: deletions in the head, replayed on start-up so they survive a crash.</summary>
public static partial class WalRecords
{
    /// <summary>Encodes a tombstones record: per entry the series reference and the deleted range (both ends inclusive).</summary>
    public static byte[] EncodeTombstones(IReadOnlyList<Tombstone> tombstones)
    {
        var w = new ByteWriter((24 * tombstones.Count) + 8);
        w.Byte((byte)WalRecordType.Tombstones);
        w.Uvarint((ulong)tombstones.Count);
        foreach (var (reference, interval) in tombstones)
        {
            w.Uvarint(reference);
            w.Varint(interval.MinTime);
            w.Varint(interval.MaxTime);
        }
        return w.ToArray();
    }

    /// <summary>Decodes a tombstones record; throws <see cref="InvalidDataException"/> when malformed.</summary>
    public static List<Tombstone> DecodeTombstones(ReadOnlySpan<byte> payload)
    {
        var r = new ByteReader(payload, 1);
        var count = r.Count();
        var result = new List<Tombstone>(count);
        for (var i = 0; i < count; i++)
        {
            var reference = r.Uvarint();
            var min = r.Varint();
            var max = r.Varint();
            if (max < min)
            {
                throw new InvalidDataException($"tombstone for series {reference} ends ({max}) before it starts ({min})");
            }
            result.Add(new Tombstone(reference, new Interval(min, max)));
        }
        return result;
    }
}
