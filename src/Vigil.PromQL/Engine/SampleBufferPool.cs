using Vigil.Storage;
using Vigil.Storage.Pooling;

namespace Vigil.PromQL.Engine;

/// <summary>
/// Sample buffers shared by queries one after the other. A dashboard query reads a million samples or
/// more; a fresh buffer each time means allocating, growing and faulting in tens of megabytes per query,
/// which costs more than decoding the samples. A few buffers are kept, and none past a size cap, so an
/// idle server holds a bounded amount; after <see cref="ReleaseAfterIdle"/> without a query they are
/// dropped altogether, so memory after a burst of queries goes back down.
/// </summary>
internal sealed class SampleBufferPool
{
    /// <summary>How long without any query before the kept buffers are dropped (rule groups evaluate far more often).</summary>
    public static readonly TimeSpan ReleaseAfterIdle = TimeSpan.FromMinutes(1);

    /// <summary>Buffers that grew past this many samples (16 bytes each) are dropped instead of kept.</summary>
    private const int MaxKeptCapacity = 4 * 1024 * 1024;

    private const int MaxKept = 2;

    private readonly BoundedPool<List<Sample>> _kept;

    /// <summary>A pool whose idleness is measured with <paramref name="time"/>.</summary>
    public SampleBufferPool(TimeProvider time)
    {
        _kept = new(MaxKept, () => [], buffer => buffer.Capacity <= MaxKeptCapacity, buffer => buffer.Clear(), time, ReleaseAfterIdle, _ => CollectReleased());
    }

    /// <summary>The pool every engine of the process shares, so they hold one set of buffers between them.</summary>
    public static SampleBufferPool Shared { get; } = new(TimeProvider.System);

    /// <summary>How many buffers are kept right now.</summary>
    public int KeptCount => _kept.KeptCount;

    /// <summary>An empty buffer, with the capacity an earlier query left it when there is one.</summary>
    public List<Sample> Rent() => _kept.Rent();

    /// <summary>Gives a buffer back; the caller must hold no span or slice of it any more.</summary>
    public void Return(List<Sample> buffer) => _kept.Return(buffer);

    /// <summary>
    /// The dropped buffers are large-object-heap arrays of up to 64 MB, which only a full collection frees, and an
    /// idle server allocates too little to trigger one: without this request the process would keep them resident
    /// until the next burst of work. A background collection does not pause the server.
    /// </summary>
    private static void CollectReleased() => GC.Collect(GC.MaxGeneration, GCCollectionMode.Default, blocking: false);
}
