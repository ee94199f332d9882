using Vigil.Storage.Pooling;

namespace Vigil.Tsdb.Head;

/// <summary>
/// Keeps appenders' per-series position maps between commits. A scrape's appender maps every series of the
/// target (20,000 in the bench) and lives for one commit; a fresh map each time was most of what a scrape
/// allocated, in arrays large enough for the large-object heap, which only a full collection reclaims.
/// </summary>
internal sealed class SeriesIndexPool
{
    /// <summary>Maps at most this big are kept: a huge remote write commit should not pin its map forever.</summary>
    private const int MaxKeptEntries = 1 << 17;

    /// <summary>About as many as there are appenders at once (scrape loops, rule groups, remote write).</summary>
    private const int MaxKept = 16;

    // Cleared on return, so a kept map holds no series alive.
    private readonly BoundedPool<Dictionary<MemSeries, int>> _kept = new(
        MaxKept, () => new Dictionary<MemSeries, int>(SeriesIdentity.Instance), map => map.Count <= MaxKeptEntries, map => map.Clear());

    public Dictionary<MemSeries, int> Rent() => _kept.Rent();

    /// <summary>Takes back a map; it must not be used after this.</summary>
    public void Return(Dictionary<MemSeries, int> map) => _kept.Return(map);
}

/// <summary>
/// Compares series by identity, hashing their reference number. Hashing the object itself
/// (<see cref="ReferenceEqualityComparer"/>) stores a hash code in its header, and an object with one
/// needs a separate lock record the first time it is locked: native memory per series for its lifetime.
/// </summary>
internal sealed class SeriesIdentity : IEqualityComparer<MemSeries>
{
    public static SeriesIdentity Instance { get; } = new();

    public bool Equals(MemSeries? x, MemSeries? y) => ReferenceEquals(x, y);

    public int GetHashCode(MemSeries obj) => obj.Ref.GetHashCode();
}
