using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.InteropServices;
using Vigil.Storage;

namespace Vigil.Tsdb.Chunks;

/// <summary>
/// Decodes an XOR chunk sample by sample without allocating. Call <see cref="Next"/> (or
/// <see cref="Seek"/>) before reading <see cref="Timestamp"/> and <see cref="Value"/>. A chunk
/// that ends early or is malformed stops the iteration and sets <see cref="IsCorrupt"/>.
/// </summary>
public struct XorIterator
{
    private readonly byte[] _data;
    private readonly int _offset;
    private readonly int _endBit;
    private readonly int _total;
    private int _bitPos;
    private int _read;
    private long _t;
    private long _delta;
    private ulong _valueBits;
    private byte _leading;
    private byte _trailing;

    /// <summary>Iterates the chunk in <paramref name="chunk"/>; the sample count comes from its header.</summary>
    public XorIterator(ReadOnlyMemory<byte> chunk)
        : this(chunk, -1)
    {
    }

    /// <summary>
    /// Iterates at most <paramref name="samples"/> samples (a negative value: the header's count),
    /// so a reader can decode an open chunk that a writer keeps appending to.
    /// </summary>
    public XorIterator(ReadOnlyMemory<byte> chunk, int samples)
    {
        if (MemoryMarshal.TryGetArray(chunk, out var segment) && segment.Array is not null)
        {
            _data = segment.Array;
            _offset = segment.Offset;
        }
        else
        {
            _data = chunk.ToArray();
            _offset = 0;
        }
        _endBit = chunk.Length * 8;
        var header = chunk.Length >= 2 ? (_data[_offset] << 8) | _data[_offset + 1] : 0;
        IsCorrupt = chunk.Length < 2;
        _total = samples < 0 ? header : Math.Min(samples, header);
        _bitPos = 16;
        _read = 0;
        _t = 0;
        _delta = 0;
        _valueBits = 0;
        _leading = 0;
        _trailing = 0;
    }

    /// <summary>How many samples the iteration covers.</summary>
    public readonly int Count => _total;

    /// <summary>The current sample's timestamp.</summary>
    public readonly long Timestamp => _t;

    /// <summary>The current sample's value.</summary>
    public readonly double Value => BitConverter.UInt64BitsToDouble(_valueBits);

    /// <summary>The current sample.</summary>
    public readonly Sample Current => new(_t, Value);

    /// <summary>Whether decoding stopped because the bytes ended early or were malformed.</summary>
    public bool IsCorrupt { get; private set; }

    /// <summary>Advances to the next sample; false at the end (or on corruption).</summary>
    public bool Next()
    {
        if (_read >= _total || IsCorrupt)
        {
            return false;
        }
        var ok = _read switch
        {
            0 => ReadFirst(),
            1 => ReadSecond(),
            _ => ReadLater(),
        };
        if (!ok)
        {
            IsCorrupt = true;
            return false;
        }
        _read++;
        return true;
    }

    /// <summary>
    /// Advances to the first sample at or after <paramref name="t"/> (staying put when the current
    /// sample already qualifies); false when there is none. Never moves backwards.
    /// </summary>
    public bool Seek(long t)
    {
        if (_read > 0 && _t >= t)
        {
            return true;
        }
        while (Next())
        {
            if (_t >= t)
            {
                return true;
            }
        }
        return false;
    }

    private bool ReadFirst()
    {
        if (!TryReadUvarint(out var zigzag) || !TryReadBits(64, out _valueBits))
        {
            return false;
        }
        _t = (long)(zigzag >> 1) ^ -(long)(zigzag & 1);
        return true;
    }

    private bool ReadSecond()
    {
        if (!TryReadUvarint(out var delta))
        {
            return false;
        }
        _delta = unchecked((long)delta);
        _t = unchecked(_t + _delta);
        return ReadValue();
    }

    private bool ReadLater()
    {
        if (!TryReadPrefix(out var prefix))
        {
            return false;
        }
        var width = prefix switch { 0 => 0, 1 => 14, 2 => 17, 3 => 20, _ => 64 };
        long dod = 0;
        if (width > 0)
        {
            if (!TryReadBits(width, out var raw))
            {
                return false;
            }
            dod = SignExtend(raw, width);
        }
        _delta = unchecked(_delta + dod);
        _t = unchecked(_t + _delta);
        return ReadValue();
    }

    // The delta-of-delta's width prefix: up to four 1-bits ended by a 0 (none after the fourth). Four bits are
    // peeked at once and the leading ones counted, rather than reading them one by one.
    private bool TryReadPrefix(out int prefix)
    {
        if (_bitPos + 4 > _endBit)
        {
            return TryReadPrefixBitwise(out prefix);
        }
        var head = Peek(4);
        prefix = BitOperations.LeadingZeroCount(~(head << 60));
        _bitPos += prefix == 4 ? 4 : prefix + 1;
        return true;
    }

    private bool TryReadPrefixBitwise(out int prefix)
    {
        prefix = 0;
        while (prefix < 4)
        {
            if (!TryReadBits(1, out var bit))
            {
                return false;
            }
            if (bit == 0)
            {
                break;
            }
            prefix++;
        }
        return true;
    }

    /// <summary>Undoes the writer's range: values above half the field are negative.</summary>
    private static long SignExtend(ulong raw, int width)
    {
        if (width == 64)
        {
            return unchecked((long)raw);
        }
        return raw > 1UL << (width - 1) ? (long)raw - (1L << width) : (long)raw;
    }

    private bool ReadValue()
    {
        if (!TryReadBits(1, out var changed))
        {
            return false;
        }
        if (changed == 0)
        {
            return true;
        }
        if (!TryReadBits(1, out var newWindow))
        {
            return false;
        }
        if (newWindow == 1)
        {
            if (!TryReadBits(5, out var leading) || !TryReadBits(6, out var significant))
            {
                return false;
            }
            significant = significant == 0 ? 64 : significant;
            if (leading + significant > 64)
            {
                return false;
            }
            _leading = (byte)leading;
            _trailing = (byte)(64 - leading - significant);
        }
        var width = 64 - _leading - _trailing;
        if (!TryReadBits(width, out var xor))
        {
            return false;
        }
        _valueBits ^= xor << _trailing;
        return true;
    }

    private bool TryReadUvarint(out ulong value)
    {
        value = 0;
        for (var shift = 0; shift < 70; shift += 7)
        {
            if (!TryReadBits(8, out var b))
            {
                return false;
            }
            value |= (b & 0x7f) << shift;
            if (b < 0x80)
            {
                return true;
            }
        }
        return false;
    }

    private bool TryReadBits(int count, out ulong value)
    {
        if (_bitPos + count > _endBit)
        {
            value = 0;
            return false;
        }
        value = count == 0 ? 0 : Peek(count);
        _bitPos += count;
        return true;
    }

    // The next `count` bits (1 to 64) without consuming them; the caller has checked they are within the chunk.
    private readonly ulong Peek(int count)
    {
        var index = _offset + (_bitPos >> 3);
        if (index + 9 > _data.Length)
        {
            return PeekBytewise(count);
        }
        // Nine bytes hold any 64 bits starting mid-byte: take the first eight as one big-endian word,
        // shift out the bits already read, top up from the ninth, then keep the top `count` bits.
        var shift = _bitPos & 7;
        var word = BinaryPrimitives.ReadUInt64BigEndian(_data.AsSpan(index, 8)) << shift;
        if (shift > 0)
        {
            word |= (ulong)_data[index + 8] >> (8 - shift);
        }
        return word >> (64 - count);
    }

    // Near the end of the array (the last bytes of a chunk that fills it) a byte at a time is enough.
    private readonly ulong PeekBytewise(int count)
    {
        ulong value = 0;
        var bitPos = _bitPos;
        while (count > 0)
        {
            var available = 8 - (bitPos & 7);
            var take = Math.Min(available, count);
            ulong current = _data[_offset + (bitPos >> 3)];
            value = (value << take) | ((current >> (available - take)) & ((1UL << take) - 1));
            bitPos += take;
            count -= take;
        }
        return value;
    }
}
