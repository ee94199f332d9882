using Vigil.Model.Labels;
using Vigil.Storage;
using Vigil.Storage.Exemplars;

namespace Vigil.Tsdb.Exemplars;

/// <summary>
/// Exemplars in memory, as upstream keeps them: one ring of fixed capacity shared by all series (the newest
/// exemplar overwrites the oldest once it is full), and per series the oldest and newest slot of a list
/// threaded through the ring, so a query walks only the series it selects. Capacity 0 stores nothing.
/// </summary>
/// <remarks>
/// Only in-order exemplars are accepted (Vigil's TSDB has no out-of-order window), so every append goes to
/// the tip of its series' list, and the slot the ring overwrites is always the oldest of its series: a
/// forward link per slot is enough. Thread-safe; one lock guards everything, as upstream's does.
/// </remarks>
public sealed class CircularExemplarStore : IExemplarQuerier
{
    private const int NoSlot = -1;

    private readonly Lock _lock = new();
    private readonly Dictionary<LabelSet, SeriesList> _index = [];
    private Slot[] _slots;
    private int _next;
    private long _appended;
    private long _outOfOrder;

    /// <summary>Creates a store for <paramref name="capacity"/> exemplars (negative counts as 0).</summary>
    public CircularExemplarStore(long capacity) => _slots = new Slot[ClampCapacity(capacity)];

    /// <summary>How many exemplars fit (<c>prometheus_tsdb_exemplar_max_exemplars</c>).</summary>
    public long Capacity
    {
        get
        {
            lock (_lock)
            {
                return _slots.Length;
            }
        }
    }

    /// <summary>Exemplars stored since start (<c>prometheus_tsdb_exemplar_exemplars_appended_total</c>).</summary>
    public long AppendedTotal => Interlocked.Read(ref _appended);

    /// <summary>Exemplars refused at commit as out of order (<c>prometheus_tsdb_exemplar_out_of_order_exemplars_total</c>).</summary>
    public long OutOfOrderTotal => Interlocked.Read(ref _outOfOrder);

    /// <summary>How many exemplars are stored now.</summary>
    public long Count
    {
        get
        {
            lock (_lock)
            {
                return _slots.Length == 0 ? 0 : _slots[_next].Series is not null ? _slots.Length : _next;
            }
        }
    }

    /// <summary>How many series have at least one stored exemplar.</summary>
    public int SeriesCount
    {
        get
        {
            lock (_lock)
            {
                return _index.Count;
            }
        }
    }

    /// <summary>
    /// The time of the oldest stored exemplar in seconds (0 while empty): how far back the capacity reaches
    /// (<c>prometheus_tsdb_exemplar_last_exemplars_timestamp_seconds</c>).
    /// </summary>
    public double OldestTimestampSeconds
    {
        get
        {
            lock (_lock)
            {
                if (_slots.Length == 0)
                {
                    return 0;
                }
                var oldest = _slots[_next].Series is not null ? _next : 0;
                return _slots[oldest].Series is null ? 0 : _slots[oldest].Exemplar.Timestamp / 1000.0;
            }
        }
    }

    /// <summary>Checks an exemplar for <paramref name="series"/> without storing it (an appender's check before commit).</summary>
    public ExemplarStatus Validate(LabelSet series, Exemplar exemplar)
    {
        lock (_lock)
        {
            return Check(_index.GetValueOrDefault(series), exemplar);
        }
    }

    /// <summary>
    /// Stores an exemplar for <paramref name="series"/>, overwriting the oldest when full. A repeat of the series'
    /// newest is <see cref="ExemplarStatus.Duplicate"/> and changes nothing; an out-of-order one is counted.
    /// </summary>
    public ExemplarStatus Add(LabelSet series, Exemplar exemplar)
    {
        ArgumentNullException.ThrowIfNull(series);
        lock (_lock)
        {
            var status = Check(_index.GetValueOrDefault(series), exemplar);
            if (status == ExemplarStatus.OutOfOrder)
            {
                Interlocked.Increment(ref _outOfOrder);
            }
            if (status != ExemplarStatus.Ok)
            {
                return status;
            }
            Store(series, exemplar);
            Interlocked.Increment(ref _appended);
            return ExemplarStatus.Ok;
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<ExemplarSeries> SelectExemplars(long start, long end, IReadOnlyList<IReadOnlyList<Matcher>> selectors)
    {
        ArgumentNullException.ThrowIfNull(selectors);
        var result = new List<ExemplarSeries>();
        lock (_lock)
        {
            foreach (var list in _index.Values)
            {
                if (_slots[list.Oldest].Exemplar.Timestamp > end || _slots[list.Newest].Exemplar.Timestamp < start || !MatchesAny(list.Labels, selectors))
                {
                    continue;
                }
                var found = InRange(list, start, end);
                if (found.Count > 0)
                {
                    result.Add(new ExemplarSeries(list.Labels, found));
                }
            }
        }
        result.Sort((a, b) => LabelSetComparer.Instance.Compare(a.SeriesLabels, b.SeriesLabels));
        return result;
    }

    /// <summary>
    /// Changes the capacity, keeping the newest exemplars that fit (in the order they were stored); returns how
    /// many were kept. The same capacity changes nothing.
    /// </summary>
    public int Resize(long capacity)
    {
        var size = ClampCapacity(capacity);
        lock (_lock)
        {
            if (size == _slots.Length)
            {
                return 0;
            }
            var stored = OldestFirst();
            var kept = stored.Skip(Math.Max(0, stored.Count - size)).ToList();
            _slots = new Slot[size];
            _next = 0;
            _index.Clear();
            foreach (var (series, exemplar) in kept)
            {
                Store(series, exemplar);
            }
            return kept.Count;
        }
    }

    /// <summary>Every stored exemplar with its series' labels, in the order they were stored.</summary>
    public IReadOnlyList<(LabelSet Series, Exemplar Exemplar)> OldestFirst()
    {
        lock (_lock)
        {
            var result = new List<(LabelSet, Exemplar)>();
            for (var i = 0; i < _slots.Length; i++)
            {
                var slot = _slots[(_next + i) % _slots.Length];
                if (slot.Series is { } list)
                {
                    result.Add((list.Labels, slot.Exemplar));
                }
            }
            return result;
        }
    }

    private ExemplarStatus Check(SeriesList? list, Exemplar exemplar)
    {
        if (_slots.Length == 0)
        {
            return ExemplarStatus.Disabled;
        }
        if (!exemplar.LabelsWithinLimit())
        {
            return ExemplarStatus.LabelSetTooLong;
        }
        if (list is null)
        {
            return ExemplarStatus.Ok;
        }
        var newest = _slots[list.Newest].Exemplar;
        if (newest.SameAs(exemplar))
        {
            return ExemplarStatus.Duplicate;
        }
        // Same time is allowed when the value or labels sort after the newest: a native histogram's buckets may
        // carry several exemplars of one instant. Upstream breaks value ties by label hash; labels order here.
        var before = exemplar.Timestamp < newest.Timestamp
            || (exemplar.Timestamp == newest.Timestamp
                && (exemplar.Value < newest.Value
                    || (exemplar.Value == newest.Value && LabelSetComparer.Instance.Compare(exemplar.Labels, newest.Labels) < 0)));
        return before ? ExemplarStatus.OutOfOrder : ExemplarStatus.Ok;
    }

    /// <summary>Writes the exemplar into the next slot, first unlinking the (oldest) exemplar it overwrites.</summary>
    private void Store(LabelSet series, Exemplar exemplar)
    {
        ref var slot = ref _slots[_next];
        if (slot.Series is { } previous)
        {
            previous.Oldest = slot.Next;
            if (previous.Oldest == NoSlot)
            {
                _index.Remove(previous.Labels);
            }
        }
        if (_index.TryGetValue(series, out var list))
        {
            _slots[list.Newest].Next = _next;
            list.Newest = _next;
        }
        else
        {
            list = new SeriesList(series) { Oldest = _next, Newest = _next };
            _index[series] = list;
        }
        slot = new Slot { Exemplar = exemplar, Next = NoSlot, Series = list };
        _next = (_next + 1) % _slots.Length;
    }

    private List<Exemplar> InRange(SeriesList list, long start, long end)
    {
        var found = new List<Exemplar>();
        for (var i = list.Oldest; i != NoSlot && _slots[i].Exemplar.Timestamp <= end; i = _slots[i].Next)
        {
            if (_slots[i].Exemplar.Timestamp >= start)
            {
                found.Add(_slots[i].Exemplar);
            }
        }
        return found;
    }

    private static bool MatchesAny(LabelSet labels, IReadOnlyList<IReadOnlyList<Matcher>> selectors)
    {
        foreach (var matchers in selectors)
        {
            if (matchers.All(m => m.Matches(labels)))
            {
                return true;
            }
        }
        return false;
    }

    private static int ClampCapacity(long capacity) => (int)Math.Clamp(capacity, 0, Array.MaxLength);

    /// <summary>One ring slot: an exemplar, the next slot of its series' list, and whose it is (null: empty).</summary>
    private struct Slot
    {
        public Exemplar Exemplar;
        public int Next;
        public SeriesList? Series;
    }

    /// <summary>A series with stored exemplars: its labels and the ends of its list through the ring.</summary>
    private sealed class SeriesList(LabelSet labels)
    {
        public LabelSet Labels { get; } = labels;

        public int Oldest { get; set; }

        public int Newest { get; set; }
    }
}
