using System.IO.MemoryMappedFiles;
using Microsoft.Win32.SafeHandles;
using Vigil.Tsdb.Chunks;

namespace Vigil.Tsdb.Head.ChunkFiles;

/// <summary>
/// One <c>chunks_head/NNNNNN</c> file: created at its full (sparse) size and mapped read-only once, so
/// reads never remap while the file fills. Bytes reach it through positioned writes by
/// <see cref="HeadChunkFiles"/>; what is still in the writer's buffer is read from there.
/// </summary>
/// <remarks>
/// The file is deleted by truncation while queries may still hold chunks in it. The mapping stays
/// readable after the unlink and is released when this object is no longer referenced (its handles
/// are finalised) or when the whole store is disposed at shutdown.
/// </remarks>
internal sealed class HeadChunkSegment : IDisposable
{
    private readonly HeadChunkFiles _owner;
    private readonly FileStream _file;
    private readonly MemoryMappedFile _map;
    private readonly MemoryMappedViewAccessor _view;
    private long _writtenLength;

    private HeadChunkSegment(HeadChunkFiles owner, int sequence, string path, int capacity, FileStream file)
    {
        _owner = owner;
        Sequence = sequence;
        FilePath = path;
        Capacity = capacity;
        _file = file;
        _map = MemoryMappedFile.CreateFromFile(file, mapName: null, capacity: 0, MemoryMappedFileAccess.Read, HandleInheritability.None, leaveOpen: false);
        _view = _map.CreateViewAccessor(0, 0, MemoryMappedFileAccess.Read);
    }

    public int Sequence { get; }

    public string FilePath { get; }

    /// <summary>The file's size: no record may end past it.</summary>
    public int Capacity { get; }

    /// <summary>The newest sample time of any chunk in the file; written and read under the owner's lock.</summary>
    public long MaxTime { get; set; } = long.MinValue;

    /// <summary>The handle positioned writes go to.</summary>
    internal SafeFileHandle Handle => _file.SafeFileHandle;

    /// <summary>Creates the file <paramref name="path"/> of <paramref name="capacity"/> bytes and maps it.</summary>
    public static HeadChunkSegment Create(HeadChunkFiles owner, int sequence, string path, int capacity)
    {
        var file = new FileStream(path, FileMode.Create, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete, bufferSize: 0);
        try
        {
            file.SetLength(capacity);
            return new HeadChunkSegment(owner, sequence, path, capacity, file);
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
        if (offset + length <= Volatile.Read(ref _writtenLength) || !_owner.TryCopyBuffered(this, offset, length, buffer))
        {
            _view.ReadArray(offset, buffer, 0, length);
        }
        return new XorIterator(buffer.AsMemory(0, length));
    }

    public void Dispose()
    {
        _view.Dispose();
        _map.Dispose();
    }
}
