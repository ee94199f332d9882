using Microsoft.Win32.SafeHandles;
using Vigil.Model.Hashing;

namespace Vigil.Tsdb.Blocks;

/// <summary>
/// Reads chunks by reference from a block's segment files. Chunks are read and checksummed one at a time,
/// when a query needs them, so opening a block costs nothing per chunk beyond <see cref="VerifyAll"/>.
/// </summary>
internal sealed class ChunkSegmentReader : IDisposable
{
    private readonly string _directory;
    private readonly Dictionary<int, SafeFileHandle> _segments = [];

    private ChunkSegmentReader(string directory) => _directory = directory;

    /// <summary>Opens every segment in <paramref name="directory"/>, checking each one's header.</summary>
    public static ChunkSegmentReader Open(string directory)
    {
        var reader = new ChunkSegmentReader(directory);
        try
        {
            foreach (var file in Directory.Exists(directory) ? Directory.GetFiles(directory) : [])
            {
                if (!int.TryParse(Path.GetFileName(file), out var number))
                {
                    continue;
                }
                var handle = File.OpenHandle(file);
                reader._segments[number] = handle;
                reader.CheckHeader(number, handle);
            }
            return reader;
        }
        catch
        {
            reader.Dispose();
            throw;
        }
    }

    /// <summary>Total bytes of all segments.</summary>
    public long SizeBytes => _segments.Values.Sum(RandomAccess.GetLength);

    /// <summary>Reads one chunk; a checksum mismatch or a bad reference throws <see cref="InvalidDataException"/> naming the file.</summary>
    public (ChunkEncoding Encoding, byte[] Data) Read(ulong chunkRef)
    {
        var number = (int)(chunkRef >> 32);
        var offset = (long)(chunkRef & 0xFFFFFFFF);
        if (!_segments.TryGetValue(number, out var handle))
        {
            throw new InvalidDataException($"{SegmentPath(number)}: chunk reference to a missing segment");
        }
        var (encoding, data, _) = ReadAt(number, handle, offset);
        return (encoding, data);
    }

    /// <summary>Reads every chunk of every segment and checks its checksum: how a damaged block is refused at open, not mid-query.</summary>
    public void VerifyAll()
    {
        foreach (var (number, handle) in _segments)
        {
            var length = RandomAccess.GetLength(handle);
            for (long offset = ChunkSegmentWriter.HeaderSize; offset < length;)
            {
                offset = ReadAt(number, handle, offset).Next;
            }
        }
    }

    public void Dispose()
    {
        foreach (var handle in _segments.Values)
        {
            handle.Dispose();
        }
        _segments.Clear();
    }

    private (ChunkEncoding Encoding, byte[] Data, long Next) ReadAt(int number, SafeFileHandle handle, long offset)
    {
        Span<byte> prefix = stackalloc byte[10];
        var got = RandomAccess.Read(handle, prefix, offset);
        var header = new ByteReader(prefix[..got]);
        int dataLength;
        try
        {
            dataLength = header.UVarint32();
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{SegmentPath(number)} at byte {offset}: bad chunk length ({e.Message})", e);
        }
        var record = new byte[1 + dataLength + 4];
        if (RandomAccess.Read(handle, record, offset + header.Position) != record.Length)
        {
            throw new InvalidDataException($"{SegmentPath(number)} at byte {offset}: chunk runs past the end of the file");
        }
        var stored = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(record.AsSpan(record.Length - 4));
        if (Crc32C.Compute(record.AsSpan(0, record.Length - 4)) != stored)
        {
            throw new InvalidDataException($"{SegmentPath(number)} at byte {offset}: chunk checksum mismatch");
        }
        return ((ChunkEncoding)record[0], record[1..^4], offset + header.Position + record.Length);
    }

    private void CheckHeader(int number, SafeFileHandle handle)
    {
        Span<byte> header = stackalloc byte[ChunkSegmentWriter.HeaderSize];
        if (RandomAccess.Read(handle, header, 0) != header.Length
            || System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(header) != ChunkSegmentWriter.Magic)
        {
            throw new InvalidDataException($"{SegmentPath(number)}: not a chunk segment (bad magic)");
        }
    }

    private string SegmentPath(int number) => Path.Combine(_directory, ChunkSegmentWriter.SegmentName(number));
}
