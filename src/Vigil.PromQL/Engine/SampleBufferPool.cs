using Vigil.Storage;
using Vigil.Storage.Pooling;

namespace Vigil.PromQL.Engine;

/// <summary>
/// Sample buffers shared by queries one after the other. A dashboard query reads a million samples or
/// more; a fresh buffer each time means allocating, growing and faulting in tens of megabytes per query,
/// which costs more than decoding the samples. A few buffers are kept, and none past a size cap, so an
/// idle server holds a bounded amount.
/// </summary>
internal static class SampleBufferPool
{
    /// <summary>Buffers that grew past this many samples (16 bytes each) are dropped instead of kept.</summary>
    private const int MaxKeptCapacity = 4 * 1024 * 1024;

    private const int MaxKept = 2;

    private static readonly BoundedPool<List<Sample>> Kept =
        new(MaxKept, () => [], buffer => buffer.Capacity <= MaxKeptCapacity, buffer => buffer.Clear());

    /// <summary>An empty buffer, with the capacity an earlier query left it when there is one.</summary>
    public static List<Sample> Rent() => Kept.Rent();

    /// <summary>Gives a buffer back; the caller must hold no span or slice of it any more.</summary>
    public static void Return(List<Sample> buffer) => Kept.Return(buffer);
}
