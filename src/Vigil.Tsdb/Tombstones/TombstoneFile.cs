using System.Buffers.Binary;
using Vigil.Model.Hashing;
using Vigil.Tsdb.Blocks;
using Vigil.Tsdb.Wal;

namespace Vigil.Tsdb.Tombstones;

/// <summary>
/// A block's <c>tombstones</c> file: what was deleted from the block since it was written, by series id. Layout
/// (upstream's shape, our own code): a 4-byte magic and a version byte, then per deleted range the series id
/// (uvarint), the first and last deleted timestamps (zig-zag varints), and a CRC32C of everything before it.
/// </summary>
/// <remarks>
/// The file is only ever replaced whole (written beside, fsynced, renamed), never changed in place, so a snapshot
/// may hard-link it and a crash leaves either the old or the new file.
/// </remarks>
public static class TombstoneFile
{
    /// <summary>The file's name inside a block directory.</summary>
    public const string FileName = "tombstones";

    private const uint Magic = 0x0130BA30;
    private const byte Version = 1;
    private const int HeaderBytes = 5;

    /// <summary>
    /// Reads the tombstones of the block in <paramref name="blockDirectory"/>; none when the file does not exist.
    /// A damaged file throws <see cref="InvalidDataException"/> naming it.
    /// </summary>
    public static TombstoneSet Read(string blockDirectory)
    {
        var set = new TombstoneSet();
        var path = Path.Combine(blockDirectory, FileName);
        if (!File.Exists(path))
        {
            return set;
        }
        try
        {
            set.AddAll(Decode(File.ReadAllBytes(path)));
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{path}: {e.Message}", e);
        }
        return set;
    }

    /// <summary>Replaces the block's tombstones file with <paramref name="tombstones"/>, durably (returns once on disk).</summary>
    public static void Write(string blockDirectory, IReadOnlyList<Tombstone> tombstones) =>
        DurableFile.Replace(blockDirectory, FileName, Encode(tombstones));

    /// <summary>The file's bytes for <paramref name="tombstones"/>.</summary>
    public static byte[] Encode(IReadOnlyList<Tombstone> tombstones)
    {
        var buffer = new ByteBuffer();
        buffer.UInt32(Magic);
        buffer.Byte(Version);
        foreach (var (reference, interval) in tombstones)
        {
            buffer.UVarint(reference);
            buffer.Varint(interval.MinTime);
            buffer.Varint(interval.MaxTime);
        }
        buffer.UInt32(Crc32C.Compute(buffer.Span));
        return buffer.Span.ToArray();
    }

    /// <summary>Parses the file's bytes; throws <see cref="InvalidDataException"/> saying what is wrong.</summary>
    public static List<Tombstone> Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < HeaderBytes + 4)
        {
            throw new InvalidDataException($"{bytes.Length} bytes is too short for a tombstones file");
        }
        if (BinaryPrimitives.ReadUInt32BigEndian(bytes) != Magic)
        {
            throw new InvalidDataException("not a tombstones file (wrong magic number)");
        }
        if (bytes[4] != Version)
        {
            throw new InvalidDataException($"unsupported tombstones format version {bytes[4]} (expected {Version})");
        }
        var body = bytes[..^4];
        if (Crc32C.Compute(body) != BinaryPrimitives.ReadUInt32BigEndian(bytes[^4..]))
        {
            throw new InvalidDataException("checksum mismatch");
        }
        var reader = new ByteReader(body) { Position = HeaderBytes };
        var result = new List<Tombstone>();
        while (!reader.AtEnd)
        {
            var reference = reader.UVarint();
            var min = reader.Varint();
            var max = reader.Varint();
            if (max < min)
            {
                throw new InvalidDataException($"series {reference}: deleted range ends ({max}) before it starts ({min})");
            }
            result.Add(new Tombstone(reference, new Interval(min, max)));
        }
        return result;
    }
}
