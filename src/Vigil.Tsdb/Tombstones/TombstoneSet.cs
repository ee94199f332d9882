namespace Vigil.Tsdb.Tombstones;

/// <summary>A series reference with one deleted range (a WAL tombstone record and the tombstones file hold lists of these).</summary>
/// <param name="Ref">The series: its head reference, or its id within a block.</param>
/// <param name="Interval">The deleted range.</param>
public readonly record struct Tombstone(ulong Ref, Interval Interval);

/// <summary>
/// The deleted ranges of many series, by series reference. Thread-safe: writers replace a series' array under a
/// lock; readers get an immutable array. <see cref="IsEmpty"/> is a cheap check so that storages without deletions
/// keep their fast paths.
/// </summary>
public sealed class TombstoneSet
{
    private readonly Dictionary<ulong, Interval[]> _bySeries = [];
    private readonly Lock _lock = new();
    private volatile int _count;

    /// <summary>Whether no series has a deleted range.</summary>
    public bool IsEmpty => _count == 0;

    /// <summary>How many series have deleted ranges.</summary>
    public int SeriesCount => _count;

    /// <summary>Records a deleted range for a series.</summary>
    public void Add(ulong reference, Interval interval)
    {
        lock (_lock)
        {
            _bySeries[reference] = Intervals.Add(_bySeries.GetValueOrDefault(reference), interval);
            _count = _bySeries.Count;
        }
    }

    /// <summary>Records every tombstone.</summary>
    public void AddAll(IEnumerable<Tombstone> tombstones)
    {
        foreach (var (reference, interval) in tombstones)
        {
            Add(reference, interval);
        }
    }

    /// <summary>The series' deleted ranges (sorted, disjoint), or null when it has none.</summary>
    public Interval[]? Get(ulong reference)
    {
        if (IsEmpty)
        {
            return null;
        }
        lock (_lock)
        {
            return _bySeries.GetValueOrDefault(reference);
        }
    }

    /// <summary>Forgets the series (it left the head).</summary>
    public void Remove(ulong reference)
    {
        if (IsEmpty)
        {
            return;
        }
        lock (_lock)
        {
            _bySeries.Remove(reference);
            _count = _bySeries.Count;
        }
    }

    /// <summary>Every tombstone, ordered by series then time (a copy).</summary>
    public List<Tombstone> All()
    {
        lock (_lock)
        {
            var result = new List<Tombstone>();
            foreach (var (reference, intervals) in _bySeries.OrderBy(static e => e.Key))
            {
                result.AddRange(intervals.Select(i => new Tombstone(reference, i)));
            }
            return result;
        }
    }
}
