namespace Vigil.Tsdb.Chunks;

/// <summary>
/// Appends bits most-significant first into a growable byte buffer, the layout Prometheus's
/// chunk encodings use. Unwritten bits are always zero, so writing is an OR into the tail.
/// </summary>
internal struct BitWriter
{
    private byte[] _buffer;
    private int _bitLength;

    public BitWriter(int initialBytes)
    {
        _buffer = new byte[Math.Max(initialBytes, 1)];
        _bitLength = 0;
    }

    /// <summary>The backing array; may be longer than <see cref="ByteLength"/>.</summary>
    public readonly byte[] Buffer => _buffer;

    /// <summary>How many bytes fit before the buffer must grow.</summary>
    public readonly int Capacity => _buffer.Length;

    /// <summary>How many bits have been written.</summary>
    public readonly int BitLength => _bitLength;

    /// <summary>How many bytes hold written bits (the last one maybe partly).</summary>
    public readonly int ByteLength => (_bitLength + 7) >> 3;

    public void WriteBit(bool one)
    {
        EnsureRoom(1);
        if (one)
        {
            _buffer[_bitLength >> 3] |= (byte)(0x80 >> (_bitLength & 7));
        }
        _bitLength++;
    }

    /// <summary>Writes the low <paramref name="count"/> bits of <paramref name="value"/>, high bit first.</summary>
    public void WriteBits(ulong value, int count)
    {
        EnsureRoom(count);
        while (count > 0)
        {
            var free = 8 - (_bitLength & 7);
            var take = Math.Min(free, count);
            var piece = (value >> (count - take)) & ((1UL << take) - 1);
            _buffer[_bitLength >> 3] |= (byte)(piece << (free - take));
            _bitLength += take;
            count -= take;
        }
    }

    /// <summary>Forgets every bit written, keeping the buffer (zeroed, since writes OR into it).</summary>
    public void Clear()
    {
        _buffer.AsSpan(0, ByteLength).Clear();
        _bitLength = 0;
    }

    /// <summary>Overwrites a whole byte at a byte offset already written (the chunk header).</summary>
    public readonly void SetByte(int offset, byte value) => _buffer[offset] = value;

    /// <summary>
    /// Drops spare capacity so a finished chunk costs only its encoded size, unless the spare part is
    /// at most <paramref name="tolerated"/> bytes: copying a well-sized buffer would cost more garbage
    /// than the few bytes it saves.
    /// </summary>
    public void Trim(int tolerated = 0)
    {
        if (_buffer.Length - ByteLength > tolerated)
        {
            Array.Resize(ref _buffer, ByteLength);
        }
    }

    /// <summary>Makes room for at least <paramref name="bytes"/> bytes in all, in one step.</summary>
    public void Reserve(int bytes)
    {
        if (bytes > _buffer.Length)
        {
            Resize(bytes);
        }
    }

    private void EnsureRoom(int bits)
    {
        var needed = (_bitLength + bits + 7) >> 3;
        if (needed > _buffer.Length)
        {
            // Grow by half: chunks stay small (~120 samples, ~150 bytes), so this stays cheap while
            // a new array is only made a handful of times per chunk. Readers keep the old array,
            // which stays valid for the samples they were told about.
            Resize(Math.Max(needed, _buffer.Length + (_buffer.Length >> 1) + 8));
        }
    }

    private void Resize(int bytes)
    {
        var grown = new byte[bytes];
        _buffer.AsSpan(0, ByteLength).CopyTo(grown);
        _buffer = grown;
    }
}
