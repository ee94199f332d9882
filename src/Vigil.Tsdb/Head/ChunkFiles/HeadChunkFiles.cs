using System.Buffers.Binary;
using Microsoft.Extensions.Logging;
using Vigil.Tsdb.Chunks;

namespace Vigil.Tsdb.Head.ChunkFiles;

/// <summary>
/// Where a head with a directory keeps its closed chunks: appended to numbered segment files under
/// <c>chunks_head</c> and read back through memory maps, so their bytes are page cache and not managed
/// heap. At start the files of the previous run are checked and loaded (<see cref="Open"/>), so the
/// write-ahead log replay only has to rebuild what is newer than each series' last chunk on disk.
/// </summary>
/// <remarks>
/// File layout: an 8-byte header (magic, version), then records as <see cref="ChunkRecord"/> describes.
/// Thread-safe: writers (inside a series lock) and readers of not yet written bytes take one lock.
/// </remarks>
internal sealed partial class HeadChunkFiles : IDisposable
{
    /// <summary>Upstream's head chunk file size.</summary>
    public const int DefaultSegmentSize = 128 * 1024 * 1024;

    /// <summary>What the folder under the data directory is called.</summary>
    public const string FolderName = "chunks_head";

    internal const int FileHeaderSize = 8;
    internal const uint Magic = 0x56484331; // "VHC1"

    /// <summary>Version 1 had no checksums; its files are not trusted and are deleted at start.</summary>
    internal const uint Version = 2;

    private const int BufferSize = 256 * 1024;

    private readonly string _directory;
    private readonly int _segmentSize;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly List<HeadChunkSegment> _segments = [];
    private readonly Dictionary<HeadChunkSegment, ITimer> _retired = [];
    private byte[] _buffer = new byte[BufferSize];
    private HeadChunkSegment? _current;
    private int _bufferStart;
    private int _buffered;
    private int _nextSequence;
    private bool _disposed;
    private long _writeFailures;
    private long _chunksWritten;

    private HeadChunkFiles(string directory, int segmentSize, ILogger logger, TimeProvider time)
    {
        _directory = directory;
        _segmentSize = segmentSize;
        _logger = logger;
        _time = time;
    }

    /// <summary>
    /// How long a deleted segment's mapping stays readable for queries that selected its chunks before the
    /// truncation (longer than a query may run); then it is released.
    /// </summary>
    public TimeSpan RetiredSegmentLifetime { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How many chunks could not be written (and stayed in memory instead).</summary>
    public long WriteFailures => Interlocked.Read(ref _writeFailures);

    /// <summary>How many chunks were written to the files since start.</summary>
    public long ChunksWritten => Interlocked.Read(ref _chunksWritten);

    /// <summary>Damaged records (or unreadable files) found at start.</summary>
    public long Corruptions { get; private set; }

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

    /// <summary>Deleted segments whose mapping is not released yet.</summary>
    public int RetiredCount
    {
        get
        {
            lock (_gate)
            {
                return _retired.Count;
            }
        }
    }

    /// <summary>
    /// <see cref="Write(ulong, XorChunk)"/>, but a failing disk (full, directory gone) returns false and is logged (at the 1st,
    /// 2nd, 4th, 8th... failure, so a full disk does not flood the log) instead of failing the commit.
    /// </summary>
    public bool TryWrite(ulong seriesRef, XorChunk chunk, out ClosedChunk written) =>
        TryWrite(seriesRef, HeadChunkEncoding.Xor, chunk.Bytes.Span, chunk.MinTime, chunk.MaxTime, out written);

    /// <summary>As the float overload, for a native histogram chunk.</summary>
    public bool TryWrite(ulong seriesRef, HistogramChunk chunk, out ClosedChunk written)
    {
        var (bytes, _) = chunk.Snapshot();
        return TryWrite(seriesRef, HeadChunkEncoding.Histogram, bytes.AsSpan(0, chunk.Size), chunk.MinTime, chunk.MaxTime, out written);
    }

    /// <summary>Appends a closed float chunk of series <paramref name="seriesRef"/> and returns where it went.</summary>
    public ClosedChunk Write(ulong seriesRef, XorChunk chunk) =>
        Write(seriesRef, HeadChunkEncoding.Xor, chunk.Bytes.Span, chunk.MinTime, chunk.MaxTime);

    /// <summary>
    /// Deletes every segment file, except the one being written, whose chunks all end before
    /// <paramref name="mint"/>; call after the head dropped those chunks. Returns how many were deleted.
    /// </summary>
    public int DeleteBefore(long mint)
    {
        lock (_gate)
        {
            RecordTruncation(mint);
            var deleted = 0;
            for (var i = 0; i < _segments.Count; i++)
            {
                var segment = _segments[i];
                if (segment == _current || segment.MaxTime >= mint)
                {
                    continue;
                }
                File.Delete(segment.FilePath);
                _segments.RemoveAt(i--);
                Retire(segment);
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
            foreach (var (segment, timer) in _retired)
            {
                timer.Dispose();
                segment.Dispose();
            }
            _segments.Clear();
            _retired.Clear();
            _current = null;
        }
    }

    private bool TryWrite(ulong seriesRef, HeadChunkEncoding encoding, ReadOnlySpan<byte> bytes, long minTime, long maxTime, out ClosedChunk written)
    {
        try
        {
            written = Write(seriesRef, encoding, bytes, minTime, maxTime);
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

    private ClosedChunk Write(ulong seriesRef, HeadChunkEncoding encoding, ReadOnlySpan<byte> bytes, long minTime, long maxTime)
    {
        var recordLength = ChunkRecord.Size(bytes.Length);
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
            ChunkRecord.Write(_buffer.AsSpan(_buffered, recordLength), seriesRef, encoding, minTime, maxTime, bytes);
            var offset = _bufferStart + _buffered + ChunkRecord.HeaderSize;
            _buffered += recordLength;
            var segment = _current!;
            segment.MaxTime = Math.Max(segment.MaxTime, maxTime);
            Interlocked.Increment(ref _chunksWritten);
            return new ClosedChunk(segment, offset, bytes.Length, minTime, maxTime);
        }
    }

    /// <summary>
    /// Keeps a deleted segment's mapping for <see cref="RetiredSegmentLifetime"/> (a query may still read it), then
    /// releases it on a timer: deterministic, not left to the finaliser. Caller holds the lock.
    /// </summary>
    private void Retire(HeadChunkSegment segment)
    {
        var timer = _time.CreateTimer(_ => Release(segment), null, RetiredSegmentLifetime, Timeout.InfiniteTimeSpan);
        _retired[segment] = timer;
    }

    private void Release(HeadChunkSegment segment)
    {
        lock (_gate)
        {
            if (!_retired.Remove(segment, out var timer))
            {
                return;
            }
            timer.Dispose();
            segment.Dispose();
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
        var capacity = Math.Max(_segmentSize, FileHeaderSize + recordLength);
        _current = HeadChunkSegment.Create(this, sequence, SegmentPath(sequence), capacity);
        _segments.Add(_current);
        BinaryPrimitives.WriteUInt32BigEndian(_buffer, Magic);
        BinaryPrimitives.WriteUInt32BigEndian(_buffer.AsSpan(4), Version);
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

    private string SegmentPath(int sequence) =>
        System.IO.Path.Combine(_directory, sequence.ToString("D6", System.Globalization.CultureInfo.InvariantCulture));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Head chunk file write failed ({Failures} so far) in {Directory}: {Error}; the chunks stay in memory")]
    private static partial void LogWriteFailed(ILogger logger, long failures, string directory, string error);
}
