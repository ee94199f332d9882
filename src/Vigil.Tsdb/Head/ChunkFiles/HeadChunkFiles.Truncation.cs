using System.Buffers.Binary;
using Microsoft.Extensions.Logging;
using Vigil.Model.Hashing;

namespace Vigil.Tsdb.Head.ChunkFiles;

/// <summary>
/// The head's truncation point, kept beside the chunk files. A segment file outlives some of its chunks (it is
/// deleted only once all of them are older than the truncation), and the WAL checkpoint no longer holds the samples
/// before that point; without it a restart would bring dropped chunks back into the head.
/// </summary>
internal sealed partial class HeadChunkFiles
{
    /// <summary>The file holding the truncation point: 8 bytes of time, then their CRC-32C.</summary>
    internal const string TruncationFileName = "truncated_before";

    private long _truncatedBefore = long.MinValue;

    /// <summary>Chunks ending before this were dropped from the head; start-up does not load them.</summary>
    public long TruncatedBefore
    {
        get
        {
            lock (_gate)
            {
                return _truncatedBefore;
            }
        }
    }

    /// <summary>Writes a new truncation point (replacing the file atomically). Caller holds the lock.</summary>
    private void RecordTruncation(long mint)
    {
        if (mint <= _truncatedBefore)
        {
            return;
        }
        var bytes = new byte[12];
        BinaryPrimitives.WriteInt64LittleEndian(bytes, mint);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(8), Crc32C.Compute(bytes.AsSpan(0, 8)));
        var path = System.IO.Path.Combine(_directory, TruncationFileName);
        try
        {
            File.WriteAllBytes(path + ".tmp", bytes);
            File.Move(path + ".tmp", path, overwrite: true);
            _truncatedBefore = mint;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Not fatal: a restart may then load chunks a block already holds, and queries merge equal samples.
            LogTruncationNotRecorded(_logger, path, e.Message);
        }
    }

    /// <summary>The recorded truncation point; null when the file is damaged (then no chunk file can be trusted).</summary>
    private static long? ReadTruncation(string directory)
    {
        var path = System.IO.Path.Combine(directory, TruncationFileName);
        if (!File.Exists(path))
        {
            return long.MinValue;
        }
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length != 12 || Crc32C.Compute(bytes.AsSpan(0, 8)) != BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(8)))
        {
            return null;
        }
        return BinaryPrimitives.ReadInt64LittleEndian(bytes);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not record the head truncation point in {File}: {Error}")]
    private static partial void LogTruncationNotRecorded(ILogger logger, string file, string error);
}
