using System.Buffers.Binary;
using Vigil.Model.Hashing;

namespace Vigil.Tsdb.Wal;

/// <summary>
/// Reads the framed records of one segment file: each is its payload length (u32 LE), the payload's
/// CRC-32C (u32 LE), then the payload. Stops at the first frame that is incomplete or fails its
/// checksum and reports where the good part ends, so the caller can cut the rest off.
/// </summary>
internal static class SegmentReader
{
    /// <summary>Bytes before each payload.</summary>
    public const int HeaderSize = 8;

    /// <summary>Larger lengths are read as corruption rather than allocated.</summary>
    public const int MaxRecordSize = 256 << 20;

    /// <summary>Calls <paramref name="onRecord"/> for each good record; returns the good length and the problem found, if any.</summary>
    public static (long GoodLength, string? Problem) Read(string path, Action<byte[]> onRecord)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 16);
        var length = file.Length;
        Span<byte> header = stackalloc byte[HeaderSize];
        long good = 0;
        while (good < length)
        {
            if (length - good < HeaderSize)
            {
                return (good, "incomplete record header");
            }
            file.ReadExactly(header);
            var size = BinaryPrimitives.ReadUInt32LittleEndian(header);
            var crc = BinaryPrimitives.ReadUInt32LittleEndian(header[4..]);
            if (size > MaxRecordSize || size > length - good - HeaderSize)
            {
                return (good, "incomplete record");
            }
            var payload = new byte[size];
            file.ReadExactly(payload);
            if (Crc32C.Compute(payload) != crc)
            {
                return (good, "checksum mismatch");
            }
            try
            {
                onRecord(payload);
            }
            catch (InvalidDataException e)
            {
                return (good, "malformed record: " + e.Message);
            }
            good += HeaderSize + size;
        }
        return (good, null);
    }

    /// <summary>Frames a payload for writing.</summary>
    public static byte[] Frame(ReadOnlySpan<byte> payload)
    {
        var frame = new byte[HeaderSize + payload.Length];
        BinaryPrimitives.WriteUInt32LittleEndian(frame, (uint)payload.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(frame.AsSpan(4), Crc32C.Compute(payload));
        payload.CopyTo(frame.AsSpan(HeaderSize));
        return frame;
    }
}
