using System.Buffers.Binary;
using Vigil.Model.Hashing;

namespace Vigil.Tsdb.Head.ChunkFiles;

/// <summary>What kind of chunk a record in a head chunk file holds.</summary>
internal enum HeadChunkEncoding : byte
{
    /// <summary>A float chunk in the XOR layout (<see cref="Chunks.XorChunk"/>; the same value upstream gives it).</summary>
    Xor = 1,

    /// <summary>A native histogram chunk in our own encoding (<see cref="Chunks.HistogramChunk"/>, not upstream's).</summary>
    Histogram = 0x81,
}

/// <summary>
/// The layout of one chunk record in a head chunk file: a header (series reference, min time, max time as
/// little-endian 64-bit integers, the encoding byte, the chunk's byte length as a 32-bit integer), the chunk bytes,
/// and a CRC-32C (Castagnoli) of header and bytes. The checksum is what lets start-up trust a record it reads back
/// (a crash can leave a torn record, a disk can flip bits) instead of only the length it claims.
/// </summary>
internal static class ChunkRecord
{
    /// <summary>The bytes before the chunk's own bytes.</summary>
    public const int HeaderSize = 29;

    /// <summary>The checksum after the chunk's bytes.</summary>
    public const int TrailerSize = 4;

    /// <summary>The record's size for a chunk of <paramref name="chunkLength"/> bytes.</summary>
    public static int Size(int chunkLength) => HeaderSize + chunkLength + TrailerSize;

    /// <summary>Writes a whole record for <paramref name="chunk"/> into <paramref name="into"/> (exactly <see cref="Size"/> bytes).</summary>
    public static void Write(Span<byte> into, ulong seriesRef, HeadChunkEncoding encoding, long minTime, long maxTime, ReadOnlySpan<byte> chunk)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(into, seriesRef);
        BinaryPrimitives.WriteInt64LittleEndian(into[8..], minTime);
        BinaryPrimitives.WriteInt64LittleEndian(into[16..], maxTime);
        into[24] = (byte)encoding;
        BinaryPrimitives.WriteInt32LittleEndian(into[25..], chunk.Length);
        chunk.CopyTo(into[HeaderSize..]);
        var body = HeaderSize + chunk.Length;
        BinaryPrimitives.WriteUInt32LittleEndian(into[body..], Crc32C.Compute(into[..body]));
    }

    /// <summary>The header fields of a record starting at <paramref name="header"/> (at least <see cref="HeaderSize"/> bytes).</summary>
    public static RecordHeader ReadHeader(ReadOnlySpan<byte> header) => new(
        BinaryPrimitives.ReadUInt64LittleEndian(header),
        BinaryPrimitives.ReadInt64LittleEndian(header[8..]),
        BinaryPrimitives.ReadInt64LittleEndian(header[16..]),
        (HeadChunkEncoding)header[24],
        BinaryPrimitives.ReadInt32LittleEndian(header[25..]));

    /// <summary>Whether a whole record (header, chunk bytes, checksum) is intact.</summary>
    public static bool ChecksumMatches(ReadOnlySpan<byte> record) =>
        record.Length >= HeaderSize + TrailerSize
        && Crc32C.Compute(record[..^TrailerSize]) == BinaryPrimitives.ReadUInt32LittleEndian(record[^TrailerSize..]);

    /// <summary>The fields of a record header.</summary>
    public readonly record struct RecordHeader(ulong SeriesRef, long MinTime, long MaxTime, HeadChunkEncoding Encoding, int Length)
    {
        /// <summary>Why the header cannot be a record we wrote, or null when it can.</summary>
        public string? Problem(long bytesLeft) => Encoding switch
        {
            _ when SeriesRef == 0 => "series reference 0",
            not (HeadChunkEncoding.Xor or HeadChunkEncoding.Histogram) => $"unknown chunk encoding {(byte)Encoding}",
            _ when Length < 2 || Length > bytesLeft - HeaderSize - TrailerSize => $"chunk length {Length} does not fit the file",
            _ when MinTime > MaxTime => $"min time {MinTime} after max time {MaxTime}",
            _ => null,
        };
    }
}
