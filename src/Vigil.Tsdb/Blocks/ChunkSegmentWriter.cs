using Vigil.Model.Hashing;
namespace Vigil.Tsdb.Blocks;

/// <summary>
/// Appends chunks to numbered segment files <c>chunks/000001</c>, <c>000002</c>, ... Each record is
/// <c>uvarint len | encoding byte | data | crc32c(encoding+data)</c>, so any damaged chunk is detected on its own.
/// </summary>
internal sealed class ChunkSegmentWriter : IDisposable
{
    /// <summary>Segment files start with this magic ("VCK1") so a stray file is not mistaken for chunks.</summary>
    public const uint Magic = 0x56434B31;

    /// <summary>Bytes before the first chunk: magic plus a format version.</summary>
    public const int HeaderSize = 8;

    private readonly string _directory;
    private readonly long _maxSegmentBytes;
    private readonly ByteBuffer _record = new();
    private FileStream? _segment;
    private int _segmentNumber;

    public ChunkSegmentWriter(string directory, long maxSegmentBytes = 512L * 1024 * 1024)
    {
        _directory = directory;
        _maxSegmentBytes = maxSegmentBytes;
        Directory.CreateDirectory(directory);
    }

    public static string SegmentName(int number) => number.ToString("D6");

    /// <summary>Writes the chunk and returns its reference for the index.</summary>
    public ulong Write(StoredChunk chunk)
    {
        _record.Clear();
        _record.UVarint((ulong)chunk.Data.Length);
        var start = _record.Length;
        _record.Byte((byte)chunk.Encoding);
        _record.Bytes(chunk.Data);
        _record.UInt32(Crc32C.Compute(_record.Span[start..]));

        if (_segment is null || _segment.Length + _record.Length > _maxSegmentBytes)
        {
            NextSegment();
        }
        var offset = _segment!.Position;
        _segment.Write(_record.Span);
        return ((ulong)_segmentNumber << 32) | (ulong)offset;
    }

    /// <summary>Flushes the last segment to disk; the block is not durable before this returns.</summary>
    public void Complete()
    {
        _segment?.Flush(flushToDisk: true);
        _segment?.Dispose();
        _segment = null;
    }

    public void Dispose() => _segment?.Dispose();

    private void NextSegment()
    {
        if (_segment is not null)
        {
            _segment.Flush(flushToDisk: true);
            _segment.Dispose();
        }
        _segmentNumber++;
        _segment = new FileStream(Path.Combine(_directory, SegmentName(_segmentNumber)), FileMode.CreateNew, FileAccess.Write);
        var header = new ByteBuffer();
        header.UInt32(Magic);
        header.UInt32(1);
        _segment.Write(header.Span);
    }
}
