using System.Buffers;

namespace Vigil.Storage.Pooling;

/// <summary>
/// The pool for the large transient arrays of a write (a remote write body and its decompressed message, its
/// samples, an appender's pending samples, the WAL record of a commit): one set shared by every thread, at most
/// a few arrays per size.
/// </summary>
/// <remarks>
/// <see cref="ArrayPool{T}.Shared"/> keeps an array per size in each thread's own cache before its shared
/// stacks, and a request runs on whichever pool thread is free: after a remote write load every thread that
/// handled a request held its own megabyte-sized body, message, sample and WAL buffers (measured: ~240 MB of
/// large-object heap for 10k series, most of <c>vigil prometheus</c>'s RSS growth). Here a size holds at most
/// <see cref="ArraysPerSize"/> arrays whichever threads use them; a rent beyond that allocates, as a miss does.
/// </remarks>
/// <typeparam name="T">The element type.</typeparam>
public static class LargeArrayPool<T>
{
    /// <summary>Arrays kept per size: as many as writes run at once on the machine's cores, at least two.</summary>
    public static readonly int ArraysPerSize = Math.Max(2, Environment.ProcessorCount);

    /// <summary>Longest array kept (elements); a longer one is allocated and left to the GC.</summary>
    public const int MaxLength = 1 << 26;

    /// <summary>The pool.</summary>
    public static ArrayPool<T> Shared { get; } = ArrayPool<T>.Create(MaxLength, ArraysPerSize);
}
