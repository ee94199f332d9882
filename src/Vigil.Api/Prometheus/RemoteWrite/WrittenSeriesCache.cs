using Vigil.Model.Labels;
using Vigil.Storage;

namespace Vigil.Api.Prometheus.RemoteWrite;

/// <summary>
/// The receiver's memory of the series senders write, keyed by a series' label fields exactly as they arrive on the
/// wire. A sender writes the same series request after request; a series found here costs no label strings, no
/// label set and (through its <see cref="SeriesRef"/>) no storage lookup by labels. Materialising labels per series
/// per request was ~75% of the receive path's allocations, and since a request's label sets live until it is
/// committed, they outlived young collections and grew the oldest generation with garbage.
/// </summary>
/// <remarks>
/// Only validated label sets enter, so an entry found needs no check. Entries not used during a whole
/// <see cref="SweepInterval"/> are dropped (a series a sender stopped writing is forgotten within two intervals),
/// and at most <see cref="MaxEntries"/> are held: past that, new series take the uncached path. Thread-safe.
/// </remarks>
public sealed class WrittenSeriesCache
{
    /// <summary>How long an entry may go unused before a sweep drops it; senders write every series far more often.</summary>
    public static readonly TimeSpan SweepInterval = TimeSpan.FromMinutes(10);

    /// <summary>The most series remembered (a bound for senders with endless series churn).</summary>
    public const int MaxEntries = 1 << 21;

    private readonly Dictionary<byte[], WrittenSeries> _entries = new(RawKeyComparer.Instance);
    private readonly Dictionary<byte[], WrittenSeries>.AlternateLookup<ReadOnlySpan<byte>> _lookup;
    private readonly TimeProvider _time;
    private readonly Lock _lock = new();
    private long _lastSweep;
    private int _epoch;

    /// <summary>Creates an empty cache whose sweeps follow <paramref name="time"/>.</summary>
    public WrittenSeriesCache(TimeProvider time)
    {
        _time = time;
        _lookup = _entries.GetAlternateLookup<ReadOnlySpan<byte>>();
        _lastSweep = time.GetTimestamp();
    }

    /// <summary>How many series are remembered.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>The series written with exactly these label field bytes before, if remembered; marks it as used.</summary>
    public WrittenSeries? Find(ReadOnlySpan<byte> rawLabels)
    {
        lock (_lock)
        {
            if (_lookup.TryGetValue(rawLabels, out var found))
            {
                found.Epoch = _epoch;
                return found;
            }
            return null;
        }
    }

    /// <summary>Remembers <paramref name="labels"/> (validated) for <paramref name="rawLabels"/>; returns the entry to append with.</summary>
    public WrittenSeries Add(ReadOnlySpan<byte> rawLabels, LabelSet labels)
    {
        var entry = new WrittenSeries(labels);
        lock (_lock)
        {
            if (_lookup.TryGetValue(rawLabels, out var existing))
            {
                // Another request added it meanwhile.
                existing.Epoch = _epoch;
                return existing;
            }
            if (_entries.Count < MaxEntries)
            {
                entry.Epoch = _epoch;
                _lookup[rawLabels] = entry;
            }
        }
        return entry;
    }

    /// <summary>Drops the entries unused since the previous sweep, once <see cref="SweepInterval"/> has passed since it.</summary>
    public void SweepIfDue()
    {
        lock (_lock)
        {
            if (_time.GetElapsedTime(_lastSweep) < SweepInterval)
            {
                return;
            }
            _lastSweep = _time.GetTimestamp();
            foreach (var (key, entry) in _entries)
            {
                if (entry.Epoch != _epoch)
                {
                    // Removing during enumeration is allowed for Dictionary since .NET Core 3.0.
                    _entries.Remove(key);
                }
            }
            _epoch++;
            if (_entries.Count == 0)
            {
                _entries.TrimExcess();
            }
        }
    }
}

/// <summary>
/// A series as the receiver appends it: its validated labels and the storage's handle on it. Once the storage
/// offers its own copy of the labels, that copy is kept, so the process holds the strings once.
/// </summary>
public sealed class WrittenSeries(LabelSet labels)
{
    /// <summary>The series' labels, sorted, empty values dropped.</summary>
    public LabelSet Labels { get; private set; } = labels;

    /// <summary>The storage's handle from the last append (<see cref="SeriesRef.None"/> before the first).</summary>
    public SeriesRef Handle { get; private set; }

    /// <summary>The cache's sweep period in which it was last used.</summary>
    internal int Epoch { get; set; }

    /// <summary>Keeps the handle an append returned (and the storage's copy of the labels, when it has one).</summary>
    public void Remember(SeriesRef handle)
    {
        Handle = handle;
        if (handle.Labels is { } stored && !ReferenceEquals(stored, Labels) && stored.Equals(Labels))
        {
            Labels = stored;
        }
    }
}
