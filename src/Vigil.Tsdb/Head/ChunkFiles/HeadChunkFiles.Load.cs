using System.Buffers.Binary;
using System.Globalization;
using Microsoft.Extensions.Logging;

namespace Vigil.Tsdb.Head.ChunkFiles;

/// <summary>Start-up: checking the previous run's files and handing their chunks to the head.</summary>
internal sealed partial class HeadChunkFiles
{
    /// <summary>
    /// Opens the store in <paramref name="directory"/> (created when missing) and loads the chunks the previous run
    /// wrote into <paramref name="loaded"/>, by series reference in the order they were written. A damaged record
    /// (bad checksum, impossible header, torn tail) ends what is trusted: that file is cut at the record, with a
    /// warning naming file and offset, and every later file is deleted, so each series keeps an unbroken run of its
    /// oldest chunks and the write-ahead log replays everything after it. Writing continues in a new file.
    /// </summary>
    public static HeadChunkFiles Open(string directory, int segmentSize, ILogger logger, TimeProvider time, out LoadedHeadChunks loaded)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(segmentSize, FileHeaderSize + ChunkRecord.Size(2));
        Directory.CreateDirectory(directory);
        var files = new HeadChunkFiles(directory, segmentSize, logger, time);
        loaded = new LoadedHeadChunks();
        var truncatedBefore = ReadTruncation(directory);
        if (truncatedBefore is null)
        {
            files.Corruptions++;
            LogCorrupt(logger, System.IO.Path.Combine(directory, TruncationFileName), 0, "checksum mismatch; no chunk file is trusted");
        }
        files._truncatedBefore = truncatedBefore ?? long.MinValue;
        var damaged = truncatedBefore is null;
        foreach (var (sequence, path) in SegmentFiles(directory))
        {
            files._nextSequence = sequence + 1;
            if (damaged)
            {
                File.Delete(path);
                loaded.FilesDeleted++;
                continue;
            }
            damaged = !files.LoadSegment(sequence, path, loaded);
        }
        return files;
    }

    /// <summary>Loads one file; false when it was damaged (so later files are not trusted).</summary>
    private bool LoadSegment(int sequence, string path, LoadedHeadChunks loaded)
    {
        var records = new List<(ChunkRecord.RecordHeader Header, int Offset)>();
        var scan = Scan(path, records);
        if (scan.Problem is not null and not OldVersion)
        {
            Corruptions++;
            LogCorrupt(_logger, path, scan.End, scan.Problem);
        }
        if (records.Count == 0)
        {
            File.Delete(path);
            loaded.FilesDeleted++;
            return scan.Problem is null;
        }
        if (scan.Problem is not null)
        {
            // Cut before mapping: the next start must not find the same damage and throw away this run's files.
            using var file = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
            file.SetLength(scan.End);
        }
        var segment = HeadChunkSegment.OpenWritten(this, sequence, path);
        _segments.Add(segment);
        foreach (var (header, offset) in records)
        {
            segment.MaxTime = Math.Max(segment.MaxTime, header.MaxTime);
            if (header.MaxTime < _truncatedBefore)
            {
                continue;
            }
            loaded.Add(header.SeriesRef, new LoadedChunk(
                new ClosedChunk(segment, offset, header.Length, header.MinTime, header.MaxTime), header.Encoding));
        }
        return scan.Problem is null;
    }

    private const string OldVersion = "written by an older version without checksums";

    /// <summary>
    /// Reads a file's records with plain reads (not through a mapping, so checking them does not make their pages
    /// part of our resident memory). Stops at the zero bytes after the last record, or at the first damaged one.
    /// </summary>
    private static (long End, string? Problem) Scan(string path, List<(ChunkRecord.RecordHeader, int)> records)
    {
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var length = Math.Min(RandomAccess.GetLength(handle), int.MaxValue);
        var reader = new SegmentScanner(handle, length);
        var header = reader.Read(0, FileHeaderSize);
        if (header.Length < FileHeaderSize || BinaryPrimitives.ReadUInt32BigEndian(header) != Magic)
        {
            return (0, "not a head chunk file (bad magic number)");
        }
        if (BinaryPrimitives.ReadUInt32BigEndian(header[4..]) != Version)
        {
            return (0, OldVersion);
        }
        long position = FileHeaderSize;
        while (position + ChunkRecord.HeaderSize <= length)
        {
            var fields = ChunkRecord.ReadHeader(reader.Read(position, ChunkRecord.HeaderSize));
            if (fields is { SeriesRef: 0, Length: 0, MinTime: 0, MaxTime: 0 })
            {
                return (position, null);
            }
            if (fields.Problem(length - position) is { } problem)
            {
                return (position, problem);
            }
            var size = ChunkRecord.Size(fields.Length);
            if (!ChunkRecord.ChecksumMatches(reader.Read(position, size)))
            {
                return (position, "checksum mismatch");
            }
            records.Add((fields, (int)position + ChunkRecord.HeaderSize));
            position += size;
        }
        return (position, null);
    }

    private static IEnumerable<(int Sequence, string Path)> SegmentFiles(string directory) => Directory.EnumerateFiles(directory)
        .Select(path => (Name: System.IO.Path.GetFileName(path), Path: path))
        .Where(f => f.Name.Length is > 0 and <= 9 && f.Name.All(char.IsAsciiDigit))
        .Select(f => (int.Parse(f.Name, CultureInfo.InvariantCulture), f.Path))
        .OrderBy(f => f.Item1)
        .ToList();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Head chunk file {File} is damaged at offset {Offset} ({Problem}): cut there, later files deleted; the WAL replays their samples")]
    private static partial void LogCorrupt(ILogger logger, string file, long offset, string problem);

    /// <summary>Reads ranges of a file through one reusable buffer, a megabyte at a time.</summary>
    private sealed class SegmentScanner(Microsoft.Win32.SafeHandles.SafeFileHandle handle, long length)
    {
        private byte[] _buffer = new byte[1 << 20];
        private long _start;
        private int _filled;

        /// <summary>The bytes at [position, position + count), fewer only at the end of the file.</summary>
        public ReadOnlySpan<byte> Read(long position, int count)
        {
            if (position < _start || position + count > _start + _filled)
            {
                if (count > _buffer.Length)
                {
                    _buffer = new byte[count];
                }
                _start = position;
                _filled = RandomAccess.Read(handle, _buffer.AsSpan(0, (int)Math.Min(_buffer.Length, length - position)), position);
            }
            var from = (int)(position - _start);
            return _buffer.AsSpan(from, Math.Min(count, _filled - from));
        }
    }
}

/// <summary>A chunk found in the head chunk files at start.</summary>
internal readonly record struct LoadedChunk(ClosedChunk Chunk, HeadChunkEncoding Encoding);

/// <summary>What start-up found in the head chunk files: chunks by series reference, oldest first.</summary>
internal sealed class LoadedHeadChunks
{
    private readonly Dictionary<ulong, List<LoadedChunk>> _bySeries = [];

    /// <summary>Files deleted because they were empty, unreadable or followed a damaged one.</summary>
    public int FilesDeleted { get; set; }

    /// <summary>How many chunks were loaded.</summary>
    public int ChunkCount { get; private set; }

    public void Add(ulong seriesRef, LoadedChunk chunk)
    {
        if (!_bySeries.TryGetValue(seriesRef, out var list))
        {
            _bySeries[seriesRef] = list = [];
        }
        list.Add(chunk);
        ChunkCount++;
    }

    /// <summary>Takes (once) the chunks of series <paramref name="seriesRef"/>; null when it has none.</summary>
    public List<LoadedChunk>? Take(ulong seriesRef) => _bySeries.Remove(seriesRef, out var list) ? list : null;
}
