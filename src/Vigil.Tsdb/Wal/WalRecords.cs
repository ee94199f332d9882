using System.Buffers.Binary;
using System.Text;
using Vigil.Model.Labels;

namespace Vigil.Tsdb.Wal;

/// <summary>What a WAL record holds: a batch of new series, or a batch of samples.</summary>
public enum WalRecordType : byte
{
    /// <summary>Series references with their labels.</summary>
    Series = 1,

    /// <summary>Samples by series reference.</summary>
    Samples = 2,

    /// <summary>Deleted time ranges by series reference (upstream logs deletions the same way).</summary>
    Tombstones = 3,

    /// <summary>Native histogram samples by series reference (<see cref="WalHistograms"/>).</summary>
    HistogramSamples = 4,

    /// <summary>Exemplars by series reference (<see cref="WalRecords.EncodeExemplars"/>).</summary>
    Exemplars = 5,
}

/// <summary>A series as the WAL records it.</summary>
public readonly record struct WalSeries(ulong Ref, LabelSet Labels);

/// <summary>A sample as the WAL records it.</summary>
public readonly record struct WalSample(ulong Ref, long Timestamp, double Value);

/// <summary>
/// Encodes and decodes record payloads: a type byte, a count, then entries with varint references
/// and timestamps (relative to the batch's first, so steady scrapes stay small) and raw value bits.
/// </summary>
public static partial class WalRecords
{
    /// <summary>Encodes a series record.</summary>
    public static byte[] EncodeSeries(IReadOnlyList<WalSeries> series)
    {
        var w = new ByteWriter(64 * series.Count + 8);
        w.Byte((byte)WalRecordType.Series);
        w.Uvarint((ulong)series.Count);
        foreach (var (reference, labels) in series)
        {
            w.Uvarint(reference);
            w.Uvarint((ulong)labels.Count);
            foreach (var label in labels.AsSpan())
            {
                w.String(label.Name);
                w.String(label.Value);
            }
        }
        return w.ToArray();
    }

    /// <summary>Encodes a samples record.</summary>
    public static byte[] EncodeSamples(IReadOnlyList<WalSample> samples)
    {
        var w = new ByteWriter(14 * samples.Count + 16);
        w.Byte((byte)WalRecordType.Samples);
        w.Uvarint((ulong)samples.Count);
        var baseTime = samples.Count > 0 ? samples[0].Timestamp : 0;
        w.Varint(baseTime);
        foreach (var (reference, t, v) in samples)
        {
            w.Uvarint(reference);
            w.Varint(unchecked(t - baseTime));
            w.UInt64(BitConverter.DoubleToUInt64Bits(v));
        }
        return w.ToArray();
    }

    /// <summary>The record's type, or null when the payload is empty or unknown.</summary>
    public static WalRecordType? TypeOf(ReadOnlySpan<byte> payload) =>
        payload.Length > 0 && payload[0] is (byte)WalRecordType.Series or (byte)WalRecordType.Samples or (byte)WalRecordType.Tombstones
            or (byte)WalRecordType.HistogramSamples or (byte)WalRecordType.Exemplars
            ? (WalRecordType)payload[0]
            : null;

    /// <summary>Decodes a series record; throws <see cref="InvalidDataException"/> when malformed.</summary>
    public static List<WalSeries> DecodeSeries(ReadOnlySpan<byte> payload)
    {
        var r = new ByteReader(payload, 1);
        var count = r.Count();
        var result = new List<WalSeries>(count);
        for (var i = 0; i < count; i++)
        {
            var reference = r.Uvarint();
            var labels = new Label[r.Count()];
            for (var j = 0; j < labels.Length; j++)
            {
                labels[j] = new Label(r.String(), r.String());
            }
            result.Add(new WalSeries(reference, LabelSet.From(labels)));
        }
        return result;
    }

    /// <summary>Decodes a samples record into <paramref name="into"/>; throws <see cref="InvalidDataException"/> when malformed.</summary>
    public static void DecodeSamples(ReadOnlySpan<byte> payload, List<WalSample> into)
    {
        var r = new ByteReader(payload, 1);
        var count = r.Count();
        var baseTime = r.Varint();
        for (var i = 0; i < count; i++)
        {
            var reference = r.Uvarint();
            var t = unchecked(baseTime + r.Varint());
            into.Add(new WalSample(reference, t, BitConverter.UInt64BitsToDouble(r.UInt64())));
        }
    }

    private ref struct ByteWriter(int capacity)
    {
        private byte[] _buffer = new byte[capacity];
        private int _length;

        public void Byte(byte b)
        {
            Ensure(1);
            _buffer[_length++] = b;
        }

        public void Uvarint(ulong x)
        {
            Ensure(10);
            while (x >= 0x80)
            {
                _buffer[_length++] = (byte)(x | 0x80);
                x >>= 7;
            }
            _buffer[_length++] = (byte)x;
        }

        public void Varint(long x) => Uvarint(unchecked((ulong)((x << 1) ^ (x >> 63))));

        public void UInt64(ulong x)
        {
            Ensure(8);
            BinaryPrimitives.WriteUInt64LittleEndian(_buffer.AsSpan(_length), x);
            _length += 8;
        }

        public void String(string s)
        {
            var size = Encoding.UTF8.GetByteCount(s);
            Uvarint((ulong)size);
            Ensure(size);
            _length += Encoding.UTF8.GetBytes(s, _buffer.AsSpan(_length));
        }

        public readonly byte[] ToArray() => _buffer.AsSpan(0, _length).ToArray();

        private void Ensure(int more)
        {
            if (_length + more > _buffer.Length)
            {
                Array.Resize(ref _buffer, Math.Max(_length + more, _buffer.Length * 2));
            }
        }
    }

    private ref struct ByteReader(ReadOnlySpan<byte> data, int position)
    {
        private readonly ReadOnlySpan<byte> _data = data;
        private int _position = position;

        /// <summary>A count that must be plausible for the bytes left (guards against huge allocations).</summary>
        public int Count()
        {
            var n = Uvarint();
            if (n > (ulong)(_data.Length - _position))
            {
                throw new InvalidDataException($"record claims {n} entries but only {_data.Length - _position} bytes remain");
            }
            return (int)n;
        }

        public ulong Uvarint()
        {
            ulong x = 0;
            for (var shift = 0; shift < 70; shift += 7)
            {
                if (_position >= _data.Length)
                {
                    throw new InvalidDataException("record ends inside a varint");
                }
                var b = _data[_position++];
                x |= (ulong)(b & 0x7f) << shift;
                if (b < 0x80)
                {
                    return x;
                }
            }
            throw new InvalidDataException("varint longer than 10 bytes");
        }

        public long Varint()
        {
            var z = Uvarint();
            return (long)(z >> 1) ^ -(long)(z & 1);
        }

        public ulong UInt64()
        {
            if (_position + 8 > _data.Length)
            {
                throw new InvalidDataException("record ends inside a value");
            }
            var x = BinaryPrimitives.ReadUInt64LittleEndian(_data[_position..]);
            _position += 8;
            return x;
        }

        public string String()
        {
            var size = Count();
            var s = Encoding.UTF8.GetString(_data.Slice(_position, size));
            _position += size;
            return s;
        }
    }
}
