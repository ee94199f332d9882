using System.Buffers;

namespace Vigil.Tsdb.Head.ChunkFiles;

/// <summary>Pooled buffers that chunk bytes read from segment files are decoded from.</summary>
internal static class ChunkScratch
{
    /// <summary>A buffer of at least <paramref name="length"/> bytes, reusing <paramref name="scratch"/> when it is big enough.</summary>
    public static byte[] Ensure(ref byte[]? scratch, int length)
    {
        if (scratch is null || scratch.Length < length)
        {
            Return(ref scratch);
            scratch = ArrayPool<byte>.Shared.Rent(Math.Max(length, 4096));
        }
        return scratch;
    }

    /// <summary>Gives the buffer back to the pool (if any) and clears the reference.</summary>
    public static void Return(ref byte[]? scratch)
    {
        if (scratch is not null)
        {
            ArrayPool<byte>.Shared.Return(scratch);
            scratch = null;
        }
    }
}
