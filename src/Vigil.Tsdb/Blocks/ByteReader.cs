using System.Buffers.Binary;
using System.Text;

namespace Vigil.Tsdb.Blocks;

/// <summary>
/// Reads what <see cref="ByteBuffer"/> wrote. Running past the end throws <see cref="InvalidDataException"/>
/// so a truncated file surfaces as "corrupt", never as an index-out-of-range deep in a query.
/// </summary>
internal ref struct ByteReader(ReadOnlySpan<byte> bytes)
{
    private readonly ReadOnlySpan<byte> _bytes = bytes;

    public int Position { get; set; }

    public readonly bool AtEnd => Position >= _bytes.Length;

    public byte Byte()
    {
        Need(1);
        return _bytes[Position++];
    }

    public ulong UVarint()
    {
        ulong result = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            var b = Byte();
            result |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return result;
            }
        }
        throw new InvalidDataException("varint longer than 64 bits");
    }

    public int UVarint32()
    {
        var value = UVarint();
        return value <= int.MaxValue ? (int)value : throw new InvalidDataException($"value {value} out of range");
    }

    public long Varint()
    {
        var raw = UVarint();
        return (long)(raw >> 1) ^ -(long)(raw & 1);
    }

    public uint UInt32()
    {
        Need(4);
        var value = BinaryPrimitives.ReadUInt32BigEndian(_bytes[Position..]);
        Position += 4;
        return value;
    }

    public ulong UInt64()
    {
        Need(8);
        var value = BinaryPrimitives.ReadUInt64BigEndian(_bytes[Position..]);
        Position += 8;
        return value;
    }

    public ReadOnlySpan<byte> Bytes(int count)
    {
        Need(count);
        var value = _bytes.Slice(Position, count);
        Position += count;
        return value;
    }

    public string String() => Encoding.UTF8.GetString(Bytes(UVarint32()));

    private readonly void Need(int count)
    {
        if (count < 0 || Position + count > _bytes.Length)
        {
            throw new InvalidDataException($"unexpected end of data at byte {Position}");
        }
    }
}
