using System.Buffers.Binary;
using System.Numerics;
using System.Text;

namespace Vigil.Tsdb.Blocks;

/// <summary>A growable byte buffer with the varint and big-endian writers the block files are made of.</summary>
internal sealed class ByteBuffer
{
    private byte[] _bytes = new byte[256];

    public int Length { get; private set; }

    public ReadOnlySpan<byte> Span => _bytes.AsSpan(0, Length);

    public void Clear() => Length = 0;

    public void Byte(byte value)
    {
        Ensure(1);
        _bytes[Length++] = value;
    }

    public void UVarint(ulong value)
    {
        Ensure(10);
        while (value >= 0x80)
        {
            _bytes[Length++] = (byte)(value | 0x80);
            value >>= 7;
        }
        _bytes[Length++] = (byte)value;
    }

    /// <summary>Zig-zag encodes so small negative numbers stay short.</summary>
    public void Varint(long value) => UVarint((ulong)((value << 1) ^ (value >> 63)));

    public void UInt32(uint value)
    {
        Ensure(4);
        BinaryPrimitives.WriteUInt32BigEndian(_bytes.AsSpan(Length), value);
        Length += 4;
    }

    public void UInt64(ulong value)
    {
        Ensure(8);
        BinaryPrimitives.WriteUInt64BigEndian(_bytes.AsSpan(Length), value);
        Length += 8;
    }

    public void Bytes(ReadOnlySpan<byte> value)
    {
        Ensure(value.Length);
        value.CopyTo(_bytes.AsSpan(Length));
        Length += value.Length;
    }

    /// <summary>A length-prefixed UTF-8 string.</summary>
    public void String(string value)
    {
        var count = Encoding.UTF8.GetByteCount(value);
        UVarint((ulong)count);
        Ensure(count);
        Length += Encoding.UTF8.GetBytes(value, _bytes.AsSpan(Length));
    }

    private void Ensure(int extra)
    {
        if (Length + extra > _bytes.Length)
        {
            Array.Resize(ref _bytes, (int)Math.Max(BitOperations.RoundUpToPowerOf2((uint)(Length + extra)), 256));
        }
    }
}
