using Microsoft.Extensions.Logging;
using Microsoft.Win32.SafeHandles;

namespace Vigil.Tsdb.Wal;

/// <summary>
/// The write-ahead log: numbered segment files of framed, checksummed records. A write returns
/// only after an fsync covers it; concurrent writers share fsyncs (whoever syncs first syncs for
/// everybody who wrote before it). On open every segment is replayed and a torn or corrupt tail is
/// cut off with a warning instead of stopping start-up.
/// </summary>
public sealed partial class WriteAheadLog : IDisposable
{
    /// <summary>Segment size at which writing moves to a new file (upstream's default).</summary>
    public const long DefaultSegmentSize = 128L << 20;

    private readonly Lock _writeLock = new();
    private readonly Lock _syncLock = new();
    private readonly string _directory;
    private readonly long _segmentSize;
    private readonly ILogger _logger;
    private SafeFileHandle _file;
    private long _segmentBytes;
    private long _written;
    private long _synced;
    private bool _disposed;

    private WriteAheadLog(string directory, long segmentSize, ILogger logger, int segment)
    {
        _directory = directory;
        _segmentSize = segmentSize;
        _logger = logger;
        CurrentSegment = segment;
        _file = CreateSegment(segment);
    }

    /// <summary>The directory holding the segments.</summary>
    public string Directory => _directory;

    /// <summary>The number of the segment being written.</summary>
    public int CurrentSegment { get; private set; }

    /// <summary>
    /// Opens the log in <paramref name="directory"/> (created when missing), handing every good record
    /// to <paramref name="onRecord"/> in order (the newest checkpoint first, then later segments),
    /// and starts a fresh segment for writing.
    /// </summary>
    public static WriteAheadLog Open(string directory, ILogger logger, Action<byte[]> onRecord, long segmentSize = DefaultSegmentSize)
    {
        System.IO.Directory.CreateDirectory(directory);
        foreach (var stale in System.IO.Directory.EnumerateFiles(directory, "*.tmp"))
        {
            File.Delete(stale);
        }
        var first = ReplayCheckpoint(directory, logger, onRecord);
        var next = first;
        var segments = SegmentFiles.Segments(directory);
        for (var i = 0; i < segments.Count; i++)
        {
            var path = Path.Combine(directory, SegmentFiles.SegmentName(segments[i]));
            if (segments[i] < first)
            {
                // Left over from a crash between writing a checkpoint and deleting what it replaced.
                File.Delete(path);
                continue;
            }
            next = segments[i] + 1;
            var (good, problem) = SegmentReader.Read(path, onRecord);
            if (problem is not null)
            {
                Repair(directory, logger, path, good, problem, segments.Skip(i + 1));
                break;
            }
        }
        return new WriteAheadLog(directory, segmentSize, logger, next);
    }

    /// <summary>Writes records and returns once they are on disk (the point a commit is acknowledged).</summary>
    public void Write(IReadOnlyList<byte[]> payloads) => SyncTo(Append(payloads));

    /// <summary>
    /// Writes records without waiting for the disk; returns the position to pass to
    /// <see cref="SyncTo"/>. Records from one call stay together and in order.
    /// </summary>
    public long Append(IReadOnlyList<byte[]> payloads)
    {
        var frames = Frames(payloads);
        lock (_writeLock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            RandomAccess.Write(_file, frames, _segmentBytes);
            _segmentBytes += frames.Length;
            _written += frames.Length;
            return _written;
        }
    }

    /// <summary>
    /// Writes records already framed as <see cref="SegmentReader"/> reads them (<paramref name="first"/>
    /// then <paramref name="second"/>, together and in order) without waiting for the disk; returns the
    /// position to pass to <see cref="SyncTo"/>.
    /// </summary>
    internal long AppendFramed(ReadOnlySpan<byte> first, ReadOnlySpan<byte> second = default)
    {
        lock (_writeLock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            RandomAccess.Write(_file, first, _segmentBytes);
            if (!second.IsEmpty)
            {
                RandomAccess.Write(_file, second, _segmentBytes + first.Length);
            }
            var length = first.Length + second.Length;
            _segmentBytes += length;
            _written += length;
            return _written;
        }
    }

    /// <summary>Returns once everything written up to <paramref name="position"/> is on disk.</summary>
    public void SyncTo(long position)
    {
        lock (_syncLock)
        {
            if (Interlocked.Read(ref _synced) >= position)
            {
                return;
            }
            SafeFileHandle file;
            long target;
            lock (_writeLock)
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                file = _file;
                target = _written;
            }
            // Only holders of the sync lock replace the file, so it stays open while synced.
            RandomAccess.FlushToDisk(file);
            Interlocked.Exchange(ref _synced, target);
            if (Interlocked.Read(ref _segmentBytes) >= _segmentSize)
            {
                RotateHoldingSyncLock();
            }
        }
    }

    /// <summary>Closes the current segment (synced) and starts the next; returns the new segment's number.</summary>
    public int Rotate()
    {
        lock (_syncLock)
        {
            return RotateHoldingSyncLock();
        }
    }

    /// <summary>Deletes the segments numbered below <paramref name="segment"/> (never the one being written).</summary>
    public void TruncateBefore(int segment)
    {
        var limit = Math.Min(segment, CurrentSegment);
        foreach (var n in SegmentFiles.Segments(_directory))
        {
            if (n < limit)
            {
                File.Delete(Path.Combine(_directory, SegmentFiles.SegmentName(n)));
            }
        }
        DirectorySync.Flush(_directory);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_syncLock)
        {
            lock (_writeLock)
            {
                if (_disposed)
                {
                    return;
                }
                _disposed = true;
                RandomAccess.FlushToDisk(_file);
                _file.Dispose();
            }
        }
    }

    private int RotateHoldingSyncLock()
    {
        lock (_writeLock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            RandomAccess.FlushToDisk(_file);
            Interlocked.Exchange(ref _synced, _written);
            _file.Dispose();
            CurrentSegment++;
            _file = CreateSegment(CurrentSegment);
            _segmentBytes = 0;
            return CurrentSegment;
        }
    }

    private SafeFileHandle CreateSegment(int segment)
    {
        var path = Path.Combine(_directory, SegmentFiles.SegmentName(segment));
        var file = File.OpenHandle(path, FileMode.Create, FileAccess.Write, FileShare.Read);
        DirectorySync.Flush(_directory);
        return file;
    }

    private static byte[] Frames(IReadOnlyList<byte[]> payloads)
    {
        if (payloads.Count == 1)
        {
            return SegmentReader.Frame(payloads[0]);
        }
        using var buffer = new MemoryStream();
        foreach (var payload in payloads)
        {
            buffer.Write(SegmentReader.Frame(payload));
        }
        return buffer.ToArray();
    }

    /// <summary>Replays the newest checkpoint; returns the first segment number that follows it.</summary>
    private static int ReplayCheckpoint(string directory, ILogger logger, Action<byte[]> onRecord)
    {
        var checkpoints = SegmentFiles.Checkpoints(directory);
        if (checkpoints.Count == 0)
        {
            return 0;
        }
        var newest = checkpoints[^1];
        var path = Path.Combine(directory, SegmentFiles.CheckpointName(newest));
        var (good, problem) = SegmentReader.Read(path, onRecord);
        if (problem is not null)
        {
            LogCorruptCheckpoint(logger, path, problem, good);
        }
        return newest + 1;
    }

    private static void Repair(string directory, ILogger logger, string path, long good, string problem, IEnumerable<int> later)
    {
        var size = new FileInfo(path).Length;
        LogRepair(logger, path, problem, good, size - good);
        using (var file = new FileStream(path, FileMode.Open, FileAccess.Write))
        {
            file.SetLength(good);
            file.Flush(true);
        }
        foreach (var n in later)
        {
            var dropped = Path.Combine(directory, SegmentFiles.SegmentName(n));
            LogDroppedSegment(logger, dropped, path);
            File.Delete(dropped);
        }
        DirectorySync.Flush(directory);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "WAL segment {Path}: {Problem} at offset {Offset}; truncated {Dropped} bytes and continuing")]
    private static partial void LogRepair(ILogger logger, string path, string problem, long offset, long dropped);

    [LoggerMessage(Level = LogLevel.Warning, Message = "WAL segment {Path} deleted: it follows the corrupt segment {Corrupt}, so its records cannot be trusted")]
    private static partial void LogDroppedSegment(ILogger logger, string path, string corrupt);

    [LoggerMessage(Level = LogLevel.Error, Message = "WAL checkpoint {Path}: {Problem} at offset {Offset}; records after it are skipped")]
    private static partial void LogCorruptCheckpoint(ILogger logger, string path, string problem, long offset);
}
