namespace Vigil.Api.Prometheus.RemoteRead.HistogramChunks;

/// <summary>Writes bits most significant first, as upstream's chunk bit streams are laid out.</summary>
internal sealed class BitOutput
{
    private readonly List<byte> _bytes = [];
    private int _free;

    /// <summary>Appends whole bytes (the chunk header) before any bits.</summary>
    public void Byte(byte value) => WriteBits(value, 8);

    public void WriteBit(bool one) => WriteBits(one ? 1UL : 0UL, 1);

    /// <summary>The low <paramref name="count"/> bits of <paramref name="value"/>, highest first.</summary>
    public void WriteBits(ulong value, int count)
    {
        for (var i = count - 1; i >= 0; i--)
        {
            if (_free == 0)
            {
                _bytes.Add(0);
                _free = 8;
            }
            _free--;
            if (((value >> i) & 1) != 0)
            {
                _bytes[^1] |= (byte)(1 << _free);
            }
        }
    }

    /// <summary>Overwrites a byte already written (the header's sample count and flags are known only at the end).</summary>
    public void SetByte(int index, byte value) => _bytes[index] = value;

    public byte[] ToArray() => [.. _bytes];
}

/// <summary>Reads what <see cref="BitOutput"/> writes; running past the end is a <see cref="FormatException"/>.</summary>
internal sealed class BitInput(ReadOnlyMemory<byte> data, int startByte)
{
    private long _position = startByte * 8L;

    public bool ReadBit() => ReadBits(1) == 1;

    public ulong ReadBits(int count)
    {
        if (_position + count > data.Length * 8L)
        {
            throw new FormatException("histogram chunk ends in the middle of a sample");
        }
        var span = data.Span;
        ulong value = 0;
        for (var i = 0; i < count; i++, _position++)
        {
            var bit = (span[(int)(_position >> 3)] >> (7 - (int)(_position & 7))) & 1;
            value = (value << 1) | (uint)bit;
        }
        return value;
    }
}

/// <summary>
/// Upstream's variable-width integers for histogram chunks: a unary prefix of up to eight one bits (ended by a zero
/// unless all eight are set) picks a payload of 0, 3, 6, 9, 12, 18, 25, 56 or 64 bits.
/// </summary>
internal static class Varbit
{
    private static readonly int[] Widths = [3, 6, 9, 12, 18, 25, 56];

    public static void WriteInt(BitOutput output, long value)
    {
        if (value == 0)
        {
            output.WriteBit(false);
            return;
        }
        for (var k = 0; k < Widths.Length; k++)
        {
            var half = 1L << (Widths[k] - 1);
            if (value >= -(half - 1) && value <= half)
            {
                Prefix(output, k);
                output.WriteBits(unchecked((ulong)value), Widths[k]);
                return;
            }
        }
        output.WriteBits(0xFF, 8);
        output.WriteBits(unchecked((ulong)value), 64);
    }

    public static void WriteUInt(BitOutput output, ulong value)
    {
        if (value == 0)
        {
            output.WriteBit(false);
            return;
        }
        for (var k = 0; k < Widths.Length; k++)
        {
            if (value < 1UL << Widths[k])
            {
                Prefix(output, k);
                output.WriteBits(value, Widths[k]);
                return;
            }
        }
        output.WriteBits(0xFF, 8);
        output.WriteBits(value, 64);
    }

    public static long ReadInt(BitInput input)
    {
        var (width, all) = Width(input);
        if (all)
        {
            return unchecked((long)input.ReadBits(64));
        }
        if (width == 0)
        {
            return 0;
        }
        var bits = input.ReadBits(width);
        // The payload is two's complement in `width` bits, with one more positive than negative value.
        return bits > 1UL << (width - 1) ? (long)bits - (1L << width) : (long)bits;
    }

    public static ulong ReadUInt(BitInput input)
    {
        var (width, all) = Width(input);
        return all ? input.ReadBits(64) : width == 0 ? 0 : input.ReadBits(width);
    }

    /// <summary>A prefix of k+1 ones and a zero selects <c>Widths[k]</c>.</summary>
    private static void Prefix(BitOutput output, int k) => output.WriteBits(((1UL << (k + 1)) - 1) << 1, k + 2);

    private static (int Width, bool All) Width(BitInput input)
    {
        var ones = 0;
        while (ones < 8 && input.ReadBit())
        {
            ones++;
        }
        return ones switch
        {
            0 => (0, false),
            8 => (64, true),
            _ => (Widths[ones - 1], false),
        };
    }
}

/// <summary>
/// The XOR float encoding of upstream's chunks, one value at a time against the previous one: a zero bit when equal,
/// else the differing bits, reusing the previous leading/trailing zero counts when they fit.
/// </summary>
internal struct XorValue(double first)
{
    private ulong _bits = BitConverter.DoubleToUInt64Bits(first);
    private int _leading = 0xFF;
    private int _trailing;

    public readonly double Value => BitConverter.UInt64BitsToDouble(_bits);

    public void Write(BitOutput output, double value)
    {
        var next = BitConverter.DoubleToUInt64Bits(value);
        var delta = next ^ _bits;
        _bits = next;
        if (delta == 0)
        {
            output.WriteBit(false);
            return;
        }
        output.WriteBit(true);
        var leading = Math.Min(System.Numerics.BitOperations.LeadingZeroCount(delta), 31);
        var trailing = System.Numerics.BitOperations.TrailingZeroCount(delta);
        if (_leading != 0xFF && leading >= _leading && trailing >= _trailing)
        {
            output.WriteBit(false);
            output.WriteBits(delta >> _trailing, 64 - _leading - _trailing);
            return;
        }
        (_leading, _trailing) = (leading, trailing);
        output.WriteBit(true);
        output.WriteBits((ulong)leading, 5);
        var significant = 64 - leading - trailing;
        // 64 significant bits do not fit in six bits; upstream writes them as 0.
        output.WriteBits((ulong)(significant & 63), 6);
        output.WriteBits(delta >> trailing, significant);
    }

    public void Read(BitInput input)
    {
        if (!input.ReadBit())
        {
            return;
        }
        int significant;
        if (!input.ReadBit())
        {
            if (_leading == 0xFF)
            {
                throw new FormatException("histogram chunk reuses a bit width before setting one");
            }
            significant = 64 - _leading - _trailing;
        }
        else
        {
            _leading = (int)input.ReadBits(5);
            significant = (int)input.ReadBits(6);
            significant = significant == 0 ? 64 : significant;
            _trailing = 64 - _leading - significant;
            if (_trailing < 0)
            {
                throw new FormatException("histogram chunk has an impossible XOR bit width");
            }
        }
        _bits ^= input.ReadBits(significant) << _trailing;
    }
}
