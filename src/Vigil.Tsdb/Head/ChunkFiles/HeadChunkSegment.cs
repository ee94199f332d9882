using System.IO.MemoryMappedFiles;
using Microsoft.Win32.SafeHandles;
using Vigil.Tsdb.Chunks;

namespace Vigil.Tsdb.Head.ChunkFiles;

/// <summary>
/// One <c>chunks_head/NNNNNN</c> file, mapped read-only once. The file being written is created at its full
/// (sparse) size so reads never remap while it fills; bytes reach it through positioned writes by
/// <see cref="HeadChunkFiles"/>, and what is still in the writer's buffer is read from there. A file of an earlier
/// run is mapped as it is and only read.
/// </summary>
/// <remarks>
/// Truncation deletes the file while queries may still hold chunks in it: the mapping stays readable after the
/// unlink, and <see cref="HeadChunkFiles"/> disposes it a fixed time later (or at shutdown). A read after that
/// finds no samples instead of failing; by then the samples are in a block, which the query reads too.
/// </remarks>
internal sealed class HeadChunkSegment : IDisposable
{
    private static readonly byte[] NoSamples = new byte[2];

    private readonly HeadChunkFiles _owner;
    private readonly FileStream _file;
    private readonly MemoryMappedFile _map;
    private readonly MemoryMappedViewAccessor _view;
    private long _writtenLength;
    private int _disposed;

    private HeadChunkSegment(HeadChunkFiles owner, int sequence, string path, int capacity, FileStream file, MemoryMappedFileAccess access)
    {
        _owner = owner;
        Sequence = sequence;
        FilePath = path;
        Capacity = capacity;
        _file = file;
        _map = MemoryMappedFile.CreateFromFile(file, mapName: null, capacity: 0, access, HandleInheritability.None, leaveOpen: false);
        _view = _map.CreateViewAccessor(0, 0, MemoryMappedFileAccess.Read);
    }

    public int Sequence { get; }

    public string FilePath { get; }

    /// <summary>The file's size: no record may end past it.</summary>
    public int Capacity { get; }

    /// <summary>The newest sample time of any chunk in the file; written and read under the owner's lock.</summary>
    public long MaxTime { get; set; } = long.MinValue;

    /// <summary>Whether the mapping was released (reads then find no samples).</summary>
    public bool IsReleased => Volatile.Read(ref _disposed) != 0;

    /// <summary>The handle positioned writes go to.</summary>
    internal SafeFileHandle Handle => _file.SafeFileHandle;

    /// <summary>Creates the file <paramref name="path"/> of <paramref name="capacity"/> bytes and maps it.</summary>
    public static HeadChunkSegment Create(HeadChunkFiles owner, int sequence, string path, int capacity)
    {
        var file = new FileStream(path, FileMode.Create, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete, bufferSize: 0);
        try
        {
            file.SetLength(capacity);
            return new HeadChunkSegment(owner, sequence, path, capacity, file, MemoryMappedFileAccess.Read);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>Maps a file an earlier run wrote (already checked and cut to its intact records) for reading.</summary>
    public static HeadChunkSegment OpenWritten(HeadChunkFiles owner, int sequence, string path)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 0);
        try
        {
            var segment = new HeadChunkSegment(owner, sequence, path, (int)file.Length, file, MemoryMappedFileAccess.Read);
            segment.MarkWritten(file.Length);
            return segment;
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>Records that the file holds everything before <paramref name="end"/> (readable through the mapping).</summary>
    public void MarkWritten(long end) => Volatile.Write(ref _writtenLength, end);

    /// <summary>Copies a chunk's bytes into <paramref name="scratch"/> and iterates them.</summary>
    public XorIterator Iterator(int offset, int length, ref byte[]? scratch)
    {
        var buffer = ChunkScratch.Ensure(ref scratch, length);
        return Read(offset, length, buffer) ? new XorIterator(buffer.AsMemory(0, length)) : new XorIterator(NoSamples);
    }

    /// <summary>A copy of a chunk's bytes (an empty chunk once the mapping is released).</summary>
    public byte[] ReadBytes(int offset, int length)
    {
        var bytes = new byte[length];
        return Read(offset, length, bytes) ? bytes : NoSamples;
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _view.Dispose();
            _map.Dispose();
        }
    }

    private bool Read(int offset, int length, byte[] into)
    {
        if (offset + length > Volatile.Read(ref _writtenLength) && _owner.TryCopyBuffered(this, offset, length, into))
        {
            return true;
        }
        try
        {
            _view.ReadArray(offset, into, 0, length);
            return true;
        }
        catch (ObjectDisposedException)
        {
            return false;
        }
    }
}
