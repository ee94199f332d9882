namespace Vigil.Tsdb.Chunks;

/// <summary>Growable byte output for the byte-aligned histogram encodings (chunk and WAL record).</summary>
internal sealed class ByteOutput(int capacity)
{
    private byte[] _buffer = new byte[Math.Max(16, capacity)];

    public int Length { get; private set; }

    /// <summary>The live buffer: bytes before <see cref="Length"/> never change once written, so readers may hold it.</summary>
    public byte[] Buffer => _buffer;

    public void Byte(byte b)
    {
        Ensure(1);
        _buffer[Length++] = b;
    }

    public void Uvarint(ulong x)
    {
        Ensure(10);
        while (x >= 0x80)
        {
            _buffer[Length++] = (byte)(x | 0x80);
            x >>= 7;
        }
        _buffer[Length++] = (byte)x;
    }

    public void Varint(long x) => Uvarint(unchecked((ulong)((x << 1) ^ (x >> 63))));

    public void Raw(double value)
    {
        Ensure(8);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(_buffer.AsSpan(Length), BitConverter.DoubleToUInt64Bits(value));
        Length += 8;
    }

    /// <summary>
    /// A value XOR-ed with <paramref name="previous"/>, byte-aligned: one byte 0 when equal, otherwise a byte
    /// 1 + 8·(leading zero bytes) + (trailing zero bytes) and the bytes between. Counts that change by small
    /// amounts keep most bytes, so this takes 2-4 bytes where raw bits take 8.
    /// </summary>
    public void Xor(double value, double previous)
    {
        var x = BitConverter.DoubleToUInt64Bits(value) ^ BitConverter.DoubleToUInt64Bits(previous);
        Ensure(9);
        if (x == 0)
        {
            _buffer[Length++] = 0;
            return;
        }
        var leading = System.Numerics.BitOperations.LeadingZeroCount(x) / 8;
        var trailing = System.Numerics.BitOperations.TrailingZeroCount(x) / 8;
        _buffer[Length++] = (byte)(1 + (leading * 8) + trailing);
        for (var b = 7 - leading; b >= trailing; b--)
        {
            _buffer[Length++] = (byte)(x >> (b * 8));
        }
    }

    /// <summary>Overwrites two bytes at <paramref name="position"/> (the chunk's sample count).</summary>
    public void PatchUInt16(int position, int value)
    {
        _buffer[position] = (byte)(value >> 8);
        _buffer[position + 1] = (byte)value;
    }

    public byte[] ToArray() => _buffer.AsSpan(0, Length).ToArray();

    private void Ensure(int more)
    {
        if (Length + more > _buffer.Length)
        {
            // A new array, never a resize in place: a reader holding the old one keeps valid bytes.
            var bigger = new byte[Math.Max(Length + more, _buffer.Length + (_buffer.Length >> 1))];
            _buffer.AsSpan(0, Length).CopyTo(bigger);
            _buffer = bigger;
        }
    }
}

/// <summary>Reads what <see cref="ByteOutput"/> wrote; throws <see cref="InvalidDataException"/> when bytes run out.</summary>
internal ref struct ByteInput(ReadOnlySpan<byte> data, int position = 0)
{
    private readonly ReadOnlySpan<byte> _data = data;

    public int Position { get; private set; } = position;

    public byte Byte()
    {
        Need(1);
        return _data[Position++];
    }

    public ulong Uvarint()
    {
        ulong x = 0;
        for (var shift = 0; shift < 70; shift += 7)
        {
            var b = Byte();
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

    public int Count(int max)
    {
        var n = Uvarint();
        if (n > (ulong)max)
        {
            throw new InvalidDataException($"count {n} is larger than the {max} allowed here");
        }
        return (int)n;
    }

    public double Raw()
    {
        Need(8);
        var bits = System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(_data[Position..]);
        Position += 8;
        return BitConverter.UInt64BitsToDouble(bits);
    }

    public double Xor(double previous)
    {
        var header = Byte();
        if (header == 0)
        {
            return previous;
        }
        var leading = (header - 1) / 8;
        var trailing = (header - 1) % 8;
        if (leading + trailing > 7)
        {
            throw new InvalidDataException($"bad value header {header}");
        }
        ulong x = 0;
        for (var b = 7 - leading; b >= trailing; b--)
        {
            x |= (ulong)Byte() << (b * 8);
        }
        return BitConverter.UInt64BitsToDouble(BitConverter.DoubleToUInt64Bits(previous) ^ x);
    }

    private readonly void Need(int n)
    {
        if (Position + n > _data.Length)
        {
            throw new InvalidDataException("histogram data ends early");
        }
    }
}
