using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Vigil.Api.Prometheus.RemoteRead;

/// <summary>
/// Writes protobuf wire format into a growing buffer. A nested message is written into a pooled scratch
/// buffer first and copied in behind its length, which keeps the writers simple; read messages are a few
/// levels deep, so each byte is copied at most that many times.
/// </summary>
internal sealed class ProtoBuffer
{
    private readonly ArrayBufferWriter<byte> _out;

    public ProtoBuffer(int capacity = 256) => _out = new ArrayBufferWriter<byte>(capacity);

    public int Length => _out.WrittenCount;

    public ReadOnlySpan<byte> WrittenSpan => _out.WrittenSpan;

    public byte[] ToArray() => _out.WrittenSpan.ToArray();

    public void Clear() => _out.Clear();

    /// <summary>A varint field; zero is written too (proto3 would omit it, and readers accept both).</summary>
    public void Varint(int field, ulong value)
    {
        Tag(field, 0);
        RawVarint(value);
    }

    public void Double(int field, double value)
    {
        Tag(field, 1);
        BinaryPrimitives.WriteUInt64LittleEndian(_out.GetSpan(8), BitConverter.DoubleToUInt64Bits(value));
        _out.Advance(8);
    }

    public void String(int field, string value)
    {
        Tag(field, 2);
        var count = Encoding.UTF8.GetByteCount(value);
        RawVarint((ulong)count);
        Encoding.UTF8.GetBytes(value, _out.GetSpan(count));
        _out.Advance(count);
    }

    public void Bytes(int field, ReadOnlySpan<byte> value)
    {
        Tag(field, 2);
        RawVarint((ulong)value.Length);
        _out.Write(value);
    }

    /// <summary>A nested message field whose content <paramref name="write"/> produces.</summary>
    public void Message(int field, Action<ProtoBuffer> write)
    {
        var inner = new ProtoBuffer();
        write(inner);
        Bytes(field, inner.WrittenSpan);
    }

    /// <summary>Encoded size of a varint, for callers that budget frame sizes.</summary>
    public static int VarintSize(ulong value)
    {
        var size = 1;
        while (value >= 0x80)
        {
            value >>= 7;
            size++;
        }
        return size;
    }

    private void Tag(int field, int wireType) => RawVarint((ulong)((field << 3) | wireType));

    private void RawVarint(ulong value)
    {
        var span = _out.GetSpan(10);
        var i = 0;
        while (value >= 0x80)
        {
            span[i++] = (byte)(value | 0x80);
            value >>= 7;
        }
        span[i++] = (byte)value;
        _out.Advance(i);
    }
}

/// <summary>Snappy block decompression with upstream's size limit and error wording.</summary>
internal static class ReadCompression
{
    public static byte[] Decompress(ReadOnlySpan<byte> body, int limit)
    {
        int length;
        try
        {
            length = Snappier.Snappy.GetUncompressedLength(body);
        }
        catch (Exception e) when (e is InvalidDataException or ArgumentException or IndexOutOfRangeException)
        {
            throw new ReadCodecException("snappy: corrupt input");
        }
        if (length > limit)
        {
            throw new ReadCodecException($"snappy: decoded length {length} exceeds limit {limit}");
        }
        try
        {
            return Snappier.Snappy.DecompressToArray(body);
        }
        catch (Exception e) when (e is InvalidDataException or ArgumentException or IndexOutOfRangeException)
        {
            throw new ReadCodecException("snappy: corrupt input");
        }
    }
}
