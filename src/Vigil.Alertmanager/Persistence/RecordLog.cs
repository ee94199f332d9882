using System.Buffers.Binary;

namespace Vigil.Alertmanager.Persistence;

/// <summary>
/// A crash-safe append-only file of records. Each record is a header of length (u32 LE) and
/// CRC-32C of the payload (u32 LE), then the payload. <see cref="Append"/> fsyncs before it
/// returns, so a caller may acknowledge once it has. A torn or corrupt tail (a crash mid-write)
/// is cut off at the last good record on open, reported, and never stops start-up.
/// </summary>
public sealed class RecordLog : IDisposable
{
    /// <summary>Bytes before each payload.</summary>
    public const int HeaderSize = 8;

    /// <summary>Larger lengths are taken as corruption rather than allocated.</summary>
    public const int MaxRecordSize = 64 << 20;

    private readonly Lock _lock = new();
    private readonly string _path;
    private FileStream _file;

    private RecordLog(string path, FileStream file)
    {
        _path = path;
        _file = file;
    }

    /// <summary>The file's path.</summary>
    public string Path => _path;

    /// <summary>The file's current size in bytes (for deciding when to compact).</summary>
    public long Length
    {
        get
        {
            lock (_lock)
            {
                return _file.Length;
            }
        }
    }

    /// <summary>
    /// Opens (creating if needed) the log at <paramref name="path"/>, returning it and its good
    /// records in order. A bad tail is truncated and described through <paramref name="warn"/>.
    /// </summary>
    public static (RecordLog Log, IReadOnlyList<byte[]> Records) Open(string path, Action<string>? warn = null)
    {
        var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read);
        var (records, goodLength, problem) = ReadAll(file);
        if (problem is not null)
        {
            warn?.Invoke($"{path}: {problem} at offset {goodLength}; truncated {file.Length - goodLength} bytes, kept {records.Count} records");
            file.SetLength(goodLength);
            file.Flush(true);
        }

        file.Seek(0, SeekOrigin.End);
        return (new RecordLog(path, file), records);
    }

    /// <summary>Appends one record and fsyncs; when this returns the record survives a crash.</summary>
    public void Append(ReadOnlySpan<byte> payload)
    {
        var buffer = Frame(payload);
        lock (_lock)
        {
            _file.Write(buffer);
            _file.Flush(true);
        }
    }

    /// <summary>
    /// Replaces the log's contents with <paramref name="records"/> atomically: a temp file is
    /// written and fsynced, renamed over the log, and the directory fsynced, so a crash leaves
    /// either the old file or the new one, never a mix.
    /// </summary>
    public void Compact(IEnumerable<byte[]> records)
    {
        lock (_lock)
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
            _file = new FileStream(_path, FileMode.Open, FileAccess.ReadWrite, FileShare.Read);
            _file.Seek(0, SeekOrigin.End);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_lock)
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
