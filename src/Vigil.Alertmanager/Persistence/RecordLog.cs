using System.Buffers.Binary;
using Vigil.Model.Hashing;

namespace Vigil.Alertmanager.Persistence;

/// <summary>
/// A crash-safe append-only file of records. Each record is a header of length (u32 LE) and
/// CRC-32C of the payload (u32 LE), then the payload. Appends are group-committed: concurrent
/// writers queue their records and one flusher writes everything queued with one write and one
/// fsync, then completes every waiter, so the cost of an fsync is shared. A record is durable
/// once its append completes; records reach the file in the order their appends were called.
/// A torn or corrupt tail (a crash mid-write) is cut off at the last good record on open,
/// reported, and never stops start-up.
/// </summary>
public sealed partial class RecordLog : IDisposable
{
    /// <summary>Bytes before each payload.</summary>
    public const int HeaderSize = 8;

    /// <summary>Larger lengths are taken as corruption rather than allocated.</summary>
    public const int MaxRecordSize = 64 << 20;

    // Batches are written whole; no stream buffer means a failed write leaves nothing half-held
    // in memory to be written later, and Length is what the OS has.
    private const int Unbuffered = 0;

    // _queueGate guards the queue only and is held for microseconds; _fileLock is held across
    // write+fsync and compaction, so enqueuing never waits for the disk.
    private readonly object _queueGate = new();
    private readonly Lock _fileLock = new();
    private readonly string _path;
    private readonly IRecordFileSync _sync;
    private readonly Thread _flusher;
    private List<PendingRecord> _queue = [];
    private bool _closing;
    private FileStream _file;

    private RecordLog(string path, FileStream file, IRecordFileSync sync)
    {
        _path = path;
        _file = file;
        _sync = sync;

        // A thread of its own, not the thread pool: callers block on appends (the notification log
        // does), and a starved pool would otherwise delay the very flush they are waiting for.
        _flusher = new Thread(FlushLoop) { IsBackground = true, Name = "record-log-flush " + System.IO.Path.GetFileName(path) };
        _flusher.Start();
    }

    /// <summary>The file's path.</summary>
    public string Path => _path;

    /// <summary>The file's current size in bytes (for deciding when to compact).</summary>
    public long Length
    {
        get
        {
            lock (_fileLock)
            {
                return _file.Length;
            }
        }
    }

    /// <summary>
    /// Opens (creating if needed) the log at <paramref name="path"/>, returning it and its good
    /// records in order. A bad tail is truncated and described through <paramref name="warn"/>.
    /// </summary>
    public static (RecordLog Log, IReadOnlyList<byte[]> Records) Open(string path, Action<string>? warn = null) =>
        Open(path, warn, RecordFileSync.Default);

    /// <summary>As <see cref="Open(string, Action{string}?)"/>, with the fsync step replaceable (tests inject failures).</summary>
    internal static (RecordLog Log, IReadOnlyList<byte[]> Records) Open(string path, Action<string>? warn, IRecordFileSync sync)
    {
        var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read, Unbuffered);
        var (records, goodLength, problem) = ReadAll(file);
        if (problem is not null)
        {
            warn?.Invoke($"{path}: {problem} at offset {goodLength}; truncated {file.Length - goodLength} bytes, kept {records.Count} records");
            file.SetLength(goodLength);
            file.Flush(true);
        }

        file.Seek(0, SeekOrigin.End);
        return (new RecordLog(path, file, sync), records);
    }

    /// <summary>Appends one record and waits until it is fsynced; when this returns the record survives a crash.</summary>
    public void Append(ReadOnlySpan<byte> payload) => AppendAsync(payload.ToArray()).GetAwaiter().GetResult();

    /// <summary>
    /// Queues one record; the task completes once it is fsynced (sharing the write and fsync with
    /// whatever else is queued), or faults with the I/O error if its batch could not be made durable.
    /// The record's place in the file is fixed when this is called, not when the task completes.
    /// </summary>
    public Task AppendAsync(byte[] payload)
    {
        var pending = new PendingRecord(Frame(payload));
        lock (_queueGate)
        {
            if (_closing)
            {
                return Task.FromException(new ObjectDisposedException(_path));
            }

            _queue.Add(pending);
            Monitor.Pulse(_queueGate);
        }

        return pending.Done.Task;
    }

    /// <summary>
    /// Replaces the log's contents with <paramref name="records"/> atomically: a temp file is
    /// written and fsynced, renamed over the log, and the directory fsynced, so a crash leaves
    /// either the old file or the new one, never a mix. Records still queued are appended to
    /// the new file afterwards.
    /// </summary>
    public void Compact(IEnumerable<byte[]> records)
    {
        lock (_fileLock)
        {
            var temp = _path + ".tmp";
            using (var tmp = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                foreach (var r in records)
                {
                    tmp.Write(Frame(r));
                }

                tmp.Flush(true);
            }

            _file.Dispose();
            File.Move(temp, _path, overwrite: true);
            DirectorySync.Flush(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(_path))!);
            _file = new FileStream(_path, FileMode.Open, FileAccess.ReadWrite, FileShare.Read, Unbuffered);
            _file.Seek(0, SeekOrigin.End);
        }
    }

    /// <summary>Writes what is still queued, stops the flusher and closes the file.</summary>
    public void Dispose()
    {
        lock (_queueGate)
        {
            _closing = true;
            Monitor.Pulse(_queueGate);
        }

        if (Thread.CurrentThread != _flusher)
        {
            _flusher.Join();
        }

        lock (_fileLock)
        {
            _file.Dispose();
        }
    }

    private static byte[] Frame(ReadOnlySpan<byte> payload)
    {
        var buffer = new byte[HeaderSize + payload.Length];
        BinaryPrimitives.WriteUInt32LittleEndian(buffer, (uint)payload.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(buffer.AsSpan(4), Crc32C.Compute(payload));
        payload.CopyTo(buffer.AsSpan(HeaderSize));
        return buffer;
    }

    private static (List<byte[]> Records, long GoodLength, string? Problem) ReadAll(FileStream file)
    {
        var records = new List<byte[]>();
        var header = new byte[HeaderSize];
        long good = 0;
        file.Seek(0, SeekOrigin.Begin);
        while (good < file.Length)
        {
            if (file.ReadAtLeast(header, HeaderSize, throwOnEndOfStream: false) < HeaderSize)
            {
                return (records, good, "torn record header");
            }

            var length = BinaryPrimitives.ReadUInt32LittleEndian(header);
            if (length > MaxRecordSize)
            {
                return (records, good, $"implausible record length {length}");
            }

            var payload = new byte[length];
            if (file.ReadAtLeast(payload, (int)length, throwOnEndOfStream: false) < length)
            {
                return (records, good, "torn record");
            }

            if (Crc32C.Compute(payload) != BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(4)))
            {
                return (records, good, "checksum mismatch");
            }

            records.Add(payload);
            good += HeaderSize + length;
        }

        return (records, good, null);
    }
}
