namespace Vigil.Tsdb.Chunks;

/// <summary>
/// A Gorilla-style float chunk in Prometheus's XOR layout: a 2-byte big-endian sample count, then
/// the first timestamp as a signed varint and the first value as 64 raw bits, the second timestamp
/// as an unsigned varint delta, and after that delta-of-delta timestamps in variable bit widths;
/// every value after the first is XOR-ed with the previous one and only the meaningful bits kept.
/// </summary>
/// <remarks>
/// One writer at a time. Readers may decode concurrently with appends as long as they bound the
/// iterator by a sample count read under the same lock as the append (see
/// <see cref="Iterator(int)"/>): bits of earlier samples never change after they are written.
/// </remarks>
public sealed class XorChunk
{
    /// <summary>The most samples one chunk can count in its 2-byte header.</summary>
    public const int MaxSamples = ushort.MaxValue;

    private const byte UnsetLeading = 0xff;

    private BitWriter _bits;
    private int _count;
    private long _lastTime;
    private long _lastDelta;
    private double _lastValue;
    private byte _leading = UnsetLeading;
    private byte _trailing;
    private readonly int _expectedSamples;

    /// <summary>The most bytes one sample can take: a 64-bit delta-of-delta and a full value with its header.</summary>
    private const int MaxSampleBytes = 19;

    /// <summary>
    /// Creates an empty chunk; <paramref name="capacityBytes"/> is only a sizing hint.
    /// <paramref name="expectedSamples"/>, when the writer knows how many samples it will put in (the
    /// head cuts at 120), lets the buffer grow once to the projected final size instead of in many
    /// small steps, each of which leaves the previous buffer behind as garbage.
    /// </summary>
    public XorChunk(int capacityBytes = 128, int expectedSamples = 0)
    {
        _bits = new BitWriter(capacityBytes);
        _bits.WriteBits(0, 16);
        _expectedSamples = expectedSamples;
    }

    /// <summary>How many samples the chunk holds.</summary>
    public int NumSamples => _count;

    /// <summary>The first sample's timestamp (undefined when empty).</summary>
    public long MinTime { get; private set; }

    /// <summary>The last sample's timestamp (undefined when empty).</summary>
    public long MaxTime => _lastTime;

    /// <summary>The encoded chunk, header included; a view, valid until the next append.</summary>
    public ReadOnlyMemory<byte> Bytes => _bits.Buffer.AsMemory(0, _bits.ByteLength);

    /// <summary>The encoded size in bytes.</summary>
    public int Size => _bits.ByteLength;

    /// <summary>Appends a sample. Timestamps are expected to increase; the caller enforces order.</summary>
    /// <exception cref="InvalidOperationException">The chunk already holds <see cref="MaxSamples"/>.</exception>
    public void Append(long t, double v)
    {
        if (_count == MaxSamples)
        {
            throw new InvalidOperationException($"an XOR chunk holds at most {MaxSamples} samples");
        }
        if (_bits.Capacity - _bits.ByteLength < MaxSampleBytes && _count >= 2 && _expectedSamples > _count)
        {
            ReserveForExpected();
        }
        var delta = unchecked(t - _lastTime);
        switch (_count)
        {
            case 0:
                WriteVarint(t);
                _bits.WriteBits(BitConverter.DoubleToUInt64Bits(v), 64);
                MinTime = t;
                break;
            case 1:
                WriteUvarint((ulong)delta);
                WriteValue(v);
                break;
            default:
                WriteDeltaOfDelta(unchecked(delta - _lastDelta));
                WriteValue(v);
                break;
        }
        _lastTime = t;
        _lastValue = v;
        _lastDelta = delta;
        _count++;
        _bits.SetByte(0, (byte)(_count >> 8));
        _bits.SetByte(1, (byte)_count);
    }

    /// <summary>
    /// Empties the chunk for reuse, keeping its buffer (already sized like the chunk it held). Only safe
    /// when no reader can still hold the buffer: a reader's snapshot is bounded by a sample count, not
    /// by a copy, so rewritten bytes would show through.
    /// </summary>
    public void Reset()
    {
        _bits.Clear();
        _bits.WriteBits(0, 16);
        _count = 0;
        _lastTime = 0;
        _lastDelta = 0;
        _lastValue = 0;
        _leading = UnsetLeading;
        _trailing = 0;
        MinTime = 0;
    }

    /// <summary>Drops spare buffer capacity beyond <paramref name="tolerated"/> bytes; call once the chunk is closed.</summary>
    public void Trim(int tolerated = 0) => _bits.Trim(tolerated);

    /// <summary>The buffer's length, spare capacity included (what the chunk costs in memory).</summary>
    public int Capacity => _bits.Capacity;

    /// <summary>Grows once to what the samples so far project for <see cref="_expectedSamples"/>, plus a little.</summary>
    private void ReserveForExpected()
    {
        var bytesPerSample = (double)_bits.ByteLength / _count;
        var projected = _bits.ByteLength + (bytesPerSample * (_expectedSamples - _count) * 1.1);
        _bits.Reserve((int)Math.Min(projected, int.MaxValue - 64) + MaxSampleBytes);
    }

    /// <summary>An iterator over all samples.</summary>
    public XorIterator Iterator() => new(Bytes, _count);

    /// <summary>An iterator over the first <paramref name="samples"/> samples (a snapshot taken under the writer's lock).</summary>
    public XorIterator Iterator(int samples) => new(_bits.Buffer.AsMemory(), samples);

    private void WriteDeltaOfDelta(long dod)
    {
        if (dod == 0)
        {
            _bits.WriteBit(false);
        }
        else if (FitsIn(dod, 14))
        {
            _bits.WriteBits(0b10, 2);
            _bits.WriteBits((ulong)dod, 14);
        }
        else if (FitsIn(dod, 17))
        {
            _bits.WriteBits(0b110, 3);
            _bits.WriteBits((ulong)dod, 17);
        }
        else if (FitsIn(dod, 20))
        {
            _bits.WriteBits(0b1110, 4);
            _bits.WriteBits((ulong)dod, 20);
        }
        else
        {
            _bits.WriteBits(0b1111, 4);
            _bits.WriteBits((ulong)dod, 64);
        }
    }

    /// <summary>The range upstream accepts for an n-bit field: one more on the positive side than two's complement.</summary>
    private static bool FitsIn(long x, int bits) => -((1L << (bits - 1)) - 1) <= x && x <= 1L << (bits - 1);

    private void WriteValue(double v)
    {
        var xor = BitConverter.DoubleToUInt64Bits(v) ^ BitConverter.DoubleToUInt64Bits(_lastValue);
        if (xor == 0)
        {
            _bits.WriteBit(false);
            return;
        }
        _bits.WriteBit(true);
        var leading = (byte)Math.Min(ulong.LeadingZeroCount(xor), 31UL);
        var trailing = (byte)ulong.TrailingZeroCount(xor);
        if (_leading != UnsetLeading && leading >= _leading && trailing >= _trailing)
        {
            // The meaningful bits fit in the previous window: reuse it and skip the header.
            _bits.WriteBit(false);
            _bits.WriteBits(xor >> _trailing, 64 - _leading - _trailing);
            return;
        }
        _leading = leading;
        _trailing = trailing;
        var significant = 64 - leading - trailing;
        _bits.WriteBit(true);
        _bits.WriteBits(leading, 5);
        // 64 significant bits do not fit in 6 bits; 0 stands for 64 since 0 cannot occur here.
        _bits.WriteBits((ulong)(significant & 63), 6);
        _bits.WriteBits(xor >> trailing, significant);
    }

    private void WriteVarint(long x) => WriteUvarint(unchecked((ulong)((x << 1) ^ (x >> 63))));

    private void WriteUvarint(ulong x)
    {
        while (x >= 0x80)
        {
            _bits.WriteBits((x & 0x7f) | 0x80, 8);
            x >>= 7;
        }
        _bits.WriteBits(x, 8);
    }
}
