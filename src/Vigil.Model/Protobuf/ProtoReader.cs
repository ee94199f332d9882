using System.Buffers.Binary;
using System.Text;

namespace Vigil.Model.Protobuf;

/// <summary>
/// Reads protobuf wire format straight from a span: tags, varints, fixed 64-bit values and
/// length-delimited fields as sub-spans. Remote write bodies carry hundreds of thousands of tiny
/// sample messages, and scrapes in the protobuf exposition format one message per series; reading
/// them in place, without a parser object or byte copy per message, is what keeps decoding off the
/// garbage collector. Shared by remote write, remote read and the scraper so the wire format has one
/// reader. Malformed input throws <see cref="FormatException"/>.
/// </summary>
public ref struct ProtoReader(ReadOnlySpan<byte> data)
{
    /// <summary>Wire type 0: varint.</summary>
    public const int Varint = 0;

    /// <summary>Wire type 1: 64-bit little-endian.</summary>
    public const int Fixed64 = 1;

    /// <summary>Wire type 2: length-delimited.</summary>
    public const int LengthDelimited = 2;

    /// <summary>Wire type 5: 32-bit little-endian.</summary>
    public const int Fixed32 = 5;

    private readonly ReadOnlySpan<byte> _data = data;
    private int _position;

    /// <summary>Whether every byte has been read.</summary>
    public readonly bool AtEnd => _position >= _data.Length;

    /// <summary>How many bytes have been read: where the next tag starts, after a field was read or skipped.</summary>
    public readonly int Position => _position;

    /// <summary>Reads the next field's tag; returns false at the end of the data.</summary>
    public bool Next(out int field, out int wireType)
    {
        if (AtEnd)
        {
            field = 0;
            wireType = 0;
            return false;
        }
        var tag = ReadVarint();
        field = (int)(tag >> 3);
        wireType = (int)(tag & 7);
        if (field == 0)
        {
            throw new FormatException("invalid tag: field number 0");
        }
        return true;
    }

    /// <summary>Reads a base-128 varint (at most 10 bytes).</summary>
    public ulong ReadVarint()
    {
        ulong x = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (_position >= _data.Length)
            {
                throw new FormatException("message ends inside a varint");
            }
            var b = _data[_position++];
            x |= (ulong)(b & 0x7f) << shift;
            if (b < 0x80)
            {
                return x;
            }
        }
        throw new FormatException("varint longer than 10 bytes");
    }

    /// <summary>Reads 8 little-endian bytes (double and fixed64 fields).</summary>
    public ulong ReadFixed64() => BinaryPrimitives.ReadUInt64LittleEndian(Take(8));

    /// <summary>Reads a double (wire type 1).</summary>
    public double ReadDouble() => BitConverter.UInt64BitsToDouble(ReadFixed64());

    /// <summary>Reads a zigzag-encoded varint (sint32 and sint64 fields).</summary>
    public long ReadSInt64()
    {
        var z = ReadVarint();
        return (long)(z >> 1) ^ -(long)(z & 1);
    }

    /// <summary>
    /// Reads a repeated sint64 field whose tag was just read: packed (one length-delimited field, as current
    /// senders write it) or one value per tag (as old ones do); any other wire type is skipped.
    /// </summary>
    public void ReadSInt64s(int wireType, List<long> into)
    {
        ArgumentNullException.ThrowIfNull(into);
        if (wireType == LengthDelimited)
        {
            var packed = new ProtoReader(ReadBytes());
            while (!packed.AtEnd)
            {
                into.Add(packed.ReadSInt64());
            }
        }
        else if (wireType == Varint)
        {
            into.Add(ReadSInt64());
        }
        else
        {
            Skip(wireType);
        }
    }

    /// <summary>Reads a repeated double field whose tag was just read, packed or not, as <see cref="ReadSInt64s"/>.</summary>
    public void ReadDoubles(int wireType, List<double> into)
    {
        ArgumentNullException.ThrowIfNull(into);
        if (wireType == LengthDelimited)
        {
            var packed = new ProtoReader(ReadBytes());
            while (!packed.AtEnd)
            {
                into.Add(packed.ReadDouble());
            }
        }
        else if (wireType == Fixed64)
        {
            into.Add(ReadDouble());
        }
        else
        {
            Skip(wireType);
        }
    }

    /// <summary>
    /// Reads a <c>BucketSpan</c> sub-message (sint32 offset = 1, uint32 length = 2), which remote write and the
    /// exposition format's native histograms number alike.
    /// </summary>
    public (int Offset, uint Length) ReadBucketSpan()
    {
        var span = new ProtoReader(ReadBytes());
        int offset = 0;
        uint length = 0;
        while (span.Next(out var field, out var wireType))
        {
            switch (field)
            {
                case 1 when wireType == Varint:
                    offset = (int)span.ReadSInt64();
                    break;
                case 2 when wireType == Varint:
                    length = (uint)span.ReadVarint();
                    break;
                default:
                    span.Skip(wireType);
                    break;
            }
        }
        return (offset, length);
    }

    /// <summary>Reads a length-delimited field's bytes (a string, bytes, packed scalars or a sub-message).</summary>
    public ReadOnlySpan<byte> ReadBytes()
    {
        var length = ReadVarint();
        if (length > (ulong)(_data.Length - _position))
        {
            throw new FormatException($"length {length} runs past the end of the message");
        }
        return Take((int)length);
    }

    /// <summary>A string field; invalid UTF-8 becomes replacement characters, as a lenient decoder does.</summary>
    public string ReadString()
    {
        var bytes = ReadBytes();
        return bytes.IsEmpty ? "" : Encoding.UTF8.GetString(bytes);
    }

    /// <summary>Skips a field of <paramref name="wireType"/> whose tag was just read.</summary>
    public void Skip(int wireType)
    {
        switch (wireType)
        {
            case Varint:
                ReadVarint();
                break;
            case Fixed64:
                Take(8);
                break;
            case LengthDelimited:
                ReadBytes();
                break;
            case Fixed32:
                Take(4);
                break;
            default:
                throw new FormatException($"unsupported wire type {wireType}");
        }
    }

    private ReadOnlySpan<byte> Take(int count)
    {
        if (_data.Length - _position < count)
        {
            throw new FormatException("message ends inside a field");
        }
        var span = _data.Slice(_position, count);
        _position += count;
        return span;
    }
}
