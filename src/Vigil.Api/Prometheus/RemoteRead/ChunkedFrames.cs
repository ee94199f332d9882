using System.Buffers.Binary;
using Vigil.Model.Hashing;

namespace Vigil.Api.Prometheus.RemoteRead;

/// <summary>
/// The framing of streamed remote read responses: each message is preceded by its length as a uvarint and
/// the big-endian CRC-32C (Castagnoli) of its bytes, so a reader can find message boundaries and detect
/// corruption without knowing the messages.
/// </summary>
public static class ChunkedFrames
{
    /// <summary>The frame (header and data) for <paramref name="data"/>.</summary>
    public static byte[] Frame(ReadOnlySpan<byte> data)
    {
        var lengthSize = ProtoBuffer.VarintSize((ulong)data.Length);
        var frame = new byte[lengthSize + 4 + data.Length];
        var value = (ulong)data.Length;
        var i = 0;
        while (value >= 0x80)
        {
            frame[i++] = (byte)(value | 0x80);
            value >>= 7;
        }
        frame[i++] = (byte)value;
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(i), Crc32C.Compute(data));
        data.CopyTo(frame.AsSpan(i + 4));
        return frame;
    }
}

/// <summary>
/// Reads frames written by <see cref="ChunkedFrames"/> from a stream, one at a time, refusing a frame larger
/// than the limit before reading it (a corrupt length must not make the reader allocate gigabytes).
/// </summary>
/// <param name="stream">The response body.</param>
/// <param name="sizeLimit">The largest frame accepted (upstream's <c>chunked_read_limit</c>, 50 MiB by default).</param>
public sealed class ChunkedFrameReader(Stream stream, long sizeLimit)
{
    /// <summary>The next frame's data, or null at a clean end of stream; throws <see cref="ReadCodecException"/> for a bad frame.</summary>
    public async Task<byte[]?> NextAsync(CancellationToken cancellationToken)
    {
        var size = await ReadUvarintAsync(cancellationToken);
        if (size is null)
        {
            return null;
        }
        if (size > (ulong)sizeLimit)
        {
            throw new ReadCodecException($"chunkedReader: message size exceeded the limit {sizeLimit} bytes; got: {size} bytes");
        }
        var header = new byte[4];
        await ReadExactlyAsync(header, cancellationToken);
        var data = new byte[(int)size];
        await ReadExactlyAsync(data, cancellationToken);
        var expected = BinaryPrimitives.ReadUInt32BigEndian(header);
        var actual = Crc32C.Compute(data);
        if (expected != actual)
        {
            throw new ReadCodecException($"chunkedReader: corrupted frame; checksum mismatch (expected {expected:x8}, got {actual:x8})");
        }
        return data;
    }

    private async Task<ulong?> ReadUvarintAsync(CancellationToken cancellationToken)
    {
        var one = new byte[1];
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (await stream.ReadAsync(one, cancellationToken) == 0)
            {
                return shift == 0 ? null : throw new ReadCodecException("chunkedReader: unexpected EOF inside a frame length");
            }
            value |= (ulong)(one[0] & 0x7f) << shift;
            if (one[0] < 0x80)
            {
                return value;
            }
        }
        throw new ReadCodecException("chunkedReader: frame length overflows a 64-bit integer");
    }

    private async Task ReadExactlyAsync(byte[] buffer, CancellationToken cancellationToken)
    {
        try
        {
            await stream.ReadExactlyAsync(buffer, cancellationToken);
        }
        catch (EndOfStreamException)
        {
            throw new ReadCodecException("chunkedReader: unexpected EOF inside a frame");
        }
    }
}
