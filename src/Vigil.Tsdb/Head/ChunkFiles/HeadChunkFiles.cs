using System.Buffers.Binary;
using Microsoft.Extensions.Logging;
using Vigil.Tsdb.Chunks;

namespace Vigil.Tsdb.Head.ChunkFiles;

/// <summary>
/// Where a head with a directory keeps its closed chunks: appended to numbered segment files under
/// <c>chunks_head</c> and read back through memory maps, so their bytes are page cache and not managed
/// heap. The write-ahead log stays the source of truth; these files are emptied at every start.
/// </summary>
/// <remarks>
/// File layout: an 8-byte header (magic, version), then per chunk a record header (series reference,
/// min time, max time as little-endian 64-bit integers, byte length as 32-bit) and the XOR chunk bytes.
/// Thread-safe: writers (inside a series lock) and readers of not yet written bytes take one lock.
/// </remarks>
internal sealed partial class HeadChunkFiles : IDisposable
{
    /// <summary>Upstream's head chunk file size.</summary>
    public const int DefaultSegmentSize = 128 * 1024 * 1024;

    /// <summary>What the folder under the data directory is called.</summary>
    public const string FolderName = "chunks_head";

    internal const int FileHeaderSize = 8;
    internal const int RecordHeaderSize = 28;
    private const uint Magic = 0x56484331; // "VHC1"
    private const int BufferSize = 256 * 1024;

    private readonly string _directory;
    private readonly int _segmentSize;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly List<HeadChunkSegment> _segments = [];
    private byte[] _buffer = new byte[BufferSize];
    private HeadChunkSegment? _current;
    private int _bufferStart;
    private int _buffered;
    private int _nextSequence;
    private bool _disposed;
    private long _writeFailures;

    private HeadChunkFiles(string directory, int segmentSize, ILogger logger)
    {
        _directory = directory;
        _segmentSize = segmentSize;
        _logger = logger;
    }

    /// <summary>How many chunks could not be written (and stayed in memory instead).</summary>
    public long WriteFailures => Interlocked.Read(ref _writeFailures);

    /// <summary>Segment files currently in use (deleted ones excluded).</summary>
    public int SegmentCount
    {
        get
        {
            lock (_gate)
            {
                return _segments.Count;
            }
        }
    }

    /// <summary>
    /// Opens the store in <paramref name="directory"/> (created when missing), deleting segment files a
    /// previous run left: the write-ahead log replay rebuilds every chunk. Returns how many were deleted.
    /// </summary>
    public static HeadChunkFiles Open(string directory, int segmentSize, ILogger logger, out int leftoverFilesDeleted)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(segmentSize, FileHeaderSize + RecordHeaderSize);
        Directory.CreateDirectory(directory);
        leftoverFilesDeleted = 0;
        foreach (var file in Directory.EnumerateFiles(directory))
        {
            if (IsSegmentName(System.IO.Path.GetFileName(file)))
            {
                File.Delete(file);
                leftoverFilesDeleted++;
            }
        }
        return new HeadChunkFiles(directory, segmentSize, logger);
    }

    /// <summary>
    /// <see cref="Write"/>, but a failing disk (full, directory gone) returns false and is logged (at the 1st,
    /// 2nd, 4th, 8th... failure, so a full disk does not flood the log) instead of failing the commit.
    /// </summary>
    public bool TryWrite(ulong seriesRef, XorChunk chunk, out ClosedChunk written)
    {
        try
        {
            written = Write(seriesRef, chunk);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            var failures = Interlocked.Increment(ref _writeFailures);
            if ((failures & (failures - 1)) == 0)
            {
                LogWriteFailed(_logger, failures, _directory, e.Message);
            }
            written = default;
            return false;
        }
    }

    /// <summary>Appends a closed chunk of series <paramref name="seriesRef"/> and returns where it went.</summary>
    public ClosedChunk Write(ulong seriesRef, XorChunk chunk)
    {
        var bytes = chunk.Bytes.Span;
        var recordLength = RecordHeaderSize + bytes.Length;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var end = _bufferStart + _buffered;
            if (_current is null || end + recordLength > _current.Capacity)
            {
                StartSegment(recordLength);
            }
            if (_buffered + recordLength > _buffer.Length)
            {
                Flush();
                if (recordLength > _buffer.Length)
                {
                    _buffer = new byte[recordLength];
                }
            }
            var record = _buffer.AsSpan(_buffered, recordLength);
            BinaryPrimitives.WriteUInt64LittleEndian(record, seriesRef);
            BinaryPrimitives.WriteInt64LittleEndian(record[8..], chunk.MinTime);
            BinaryPrimitives.WriteInt64LittleEndian(record[16..], chunk.MaxTime);
            BinaryPrimitives.WriteInt32LittleEndian(record[24..], bytes.Length);
            bytes.CopyTo(record[RecordHeaderSize..]);
            var offset = _bufferStart + _buffered + RecordHeaderSize;
            _buffered += recordLength;
            var segment = _current!;
            segment.MaxTime = Math.Max(segment.MaxTime, chunk.MaxTime);
            return new ClosedChunk(segment, offset, bytes.Length, chunk.MinTime, chunk.MaxTime);
        }
    }

    /// <summary>
    /// Deletes every segment file, except the one being written, whose chunks all end before
    /// <paramref name="mint"/>; call after the head dropped those chunks. Returns how many were deleted.
    /// </summary>
    public int DeleteBefore(long mint)
    {
        lock (_gate)
        {
            var deleted = 0;
            for (var i = 0; i < _segments.Count; i++)
            {
                var segment = _segments[i];
                if (segment == _current || segment.MaxTime >= mint)
                {
                    continue;
                }
                // Not disposed: a query may still read it through its mapping (see HeadChunkSegment).
                File.Delete(segment.FilePath);
                _segments.RemoveAt(i--);
                deleted++;
            }
            return deleted;
        }
    }

    /// <summary>
    /// Copies a chunk that is still (partly) in the write buffer; false when the bytes already reached the
    /// file, so the caller reads them through the mapping.
    /// </summary>
    internal bool TryCopyBuffered(HeadChunkSegment segment, int offset, int length, byte[] into)
    {
        lock (_gate)
        {
            if (segment != _current || offset < _bufferStart)
            {
                return false;
            }
            _buffer.AsSpan(offset - _bufferStart, length).CopyTo(into);
            return true;
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }
            _disposed = true;
            if (_current is not null)
            {
                Flush();
            }
            foreach (var segment in _segments)
            {
                segment.Dispose();
            }
            _segments.Clear();
            _current = null;
        }
    }

    /// <summary>Writes out the buffer and starts a new segment big enough for a record of <paramref name="recordLength"/>.</summary>
    private void StartSegment(int recordLength)
    {
        if (_current is not null)
        {
            Flush();
        }
        var sequence = _nextSequence++;
        var path = System.IO.Path.Combine(_directory, sequence.ToString("D6", System.Globalization.CultureInfo.InvariantCulture));
        var capacity = Math.Max(_segmentSize, FileHeaderSize + recordLength);
        _current = HeadChunkSegment.Create(this, sequence, path, capacity);
        _segments.Add(_current);
        BinaryPrimitives.WriteUInt32BigEndian(_buffer, Magic);
        BinaryPrimitives.WriteUInt32BigEndian(_buffer.AsSpan(4), 1);
        _bufferStart = 0;
        _buffered = FileHeaderSize;
    }

    private void Flush()
    {
        if (_buffered == 0)
        {
            return;
        }
        RandomAccess.Write(_current!.Handle, _buffer.AsSpan(0, _buffered), _bufferStart);
        _bufferStart += _buffered;
        _buffered = 0;
        _current.MarkWritten(_bufferStart);
    }

    private static bool IsSegmentName(string name) => name.Length > 0 && name.All(char.IsAsciiDigit);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Head chunk file write failed ({Failures} so far) in {Directory}: {Error}; the chunks stay in memory")]
    private static partial void LogWriteFailed(ILogger logger, long failures, string directory, string error);
}
