using Vigil.Model.Labels;
using Vigil.Storage;

namespace Vigil.Tsdb.Head;

/// <summary>The head's read side and truncation.</summary>
public sealed partial class TsdbHead
{
    /// <inheritdoc />
    public IEnumerable<IStoredSeries> Select(long mint, long maxt, IReadOnlyList<Matcher> matchers)
    {
        if (mint > maxt || mint > MaxTime || maxt < MinTime)
        {
            return [];
        }
        var selected = Resolve(matchers);
        var views = new List<IStoredSeries>(selected.Count);
        _commitGate.EnterWriteLock();
        try
        {
            foreach (var series in selected)
            {
                lock (series)
                {
                    var histograms = series.HoldsHistograms ? series.SnapshotHistograms(mint, maxt) : null;
                    if (View(series, series.Snapshot(mint, maxt), histograms) is { } view)
                    {
                        views.Add(view);
                    }
                    else if (series.OpenChunkOverlaps(mint, maxt))
                    {
                        // All its samples in range are deleted, but upstream still lists a head series whose open
                        // chunk is in range (/api/v1/series shows it; it has no samples to query).
                        views.Add(new HeadSeriesView(series.Labels, []));
                    }
                }
            }
        }
        finally
        {
            _commitGate.ExitWriteLock();
        }
        views.Sort(static (a, b) => LabelSetComparer.Instance.Compare(a.Labels, b.Labels));
        return views;
    }

    /// <inheritdoc />
    public IReadOnlyList<string> LabelNames(long mint, long maxt, IReadOnlyList<Matcher> matchers)
    {
        if (matchers.Count == 0 && CoversHead(mint, maxt))
        {
            return ReadIndex(static index => index.Names());
        }
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var labels in LabelSetsOf(mint, maxt, matchers))
        {
            foreach (var label in labels.AsSpan())
            {
                names.Add(label.Name);
            }
        }
        return Sorted(names);
    }

    /// <inheritdoc />
    public IReadOnlyList<string> LabelValues(string name, long mint, long maxt, IReadOnlyList<Matcher> matchers)
    {
        if (matchers.Count == 0 && CoversHead(mint, maxt))
        {
            return ReadIndex(index => index.Values(name));
        }
        var values = new HashSet<string>(StringComparer.Ordinal);
        foreach (var labels in LabelSetsOf(mint, maxt, matchers))
        {
            if (labels.TryGet(name, out var value) && value.Length > 0)
            {
                values.Add(value);
            }
        }
        return Sorted(values);
    }

    /// <summary>
    /// Drops every chunk whose samples are all older than <paramref name="mint"/> (they now live in a
    /// persisted block), then every series left without samples that no appender is writing to, then the
    /// head chunk files whose chunks were all dropped.
    /// </summary>
    public void Truncate(long mint)
    {
        var emptied = new List<MemSeries>();
        var newMin = long.MaxValue;
        var histograms = false;
        foreach (var series in _series.All())
        {
            lock (series)
            {
                if (series.TruncateBefore(mint))
                {
                    emptied.Add(series);
                }
                else
                {
                    newMin = Math.Min(newMin, series.MinTime);
                    histograms |= series.HoldsHistograms;
                }
            }
        }
        RemoveEmpty(emptied);
        if (!histograms)
        {
            // Back to the float-only fast path once the last histogram chunk is gone (an append racing this sets it again).
            Volatile.Write(ref _holdsHistograms, false);
        }
        Interlocked.Exchange(ref _minTime, newMin);
        _chunkFiles?.DeleteBefore(mint);
    }

    private void RemoveEmpty(List<MemSeries> emptied)
    {
        var removed = new List<MemSeries>(emptied.Count);
        _indexLock.EnterWriteLock();
        try
        {
            foreach (var series in emptied)
            {
                lock (series)
                {
                    if (!series.HasSamples && !series.IsPending)
                    {
                        series.Removed = true;
                        _series.Remove(series);
                        removed.Add(series);
                    }
                }
            }
            if (removed.Count > 0)
            {
                var refs = new ulong[removed.Count];
                for (var i = 0; i < refs.Length; i++)
                {
                    refs[i] = removed[i].Ref;
                    Tombstones.Remove(refs[i]);
                }
                Array.Sort(refs);
                _index.Remove(refs, removed.Select(static s => s.Labels));
            }
        }
        finally
        {
            _indexLock.ExitWriteLock();
        }
        Metrics.SeriesRemoved.Add(removed.Count);
    }

    /// <summary>The series matching the matchers, resolved under the index lock so none is half-removed.</summary>
    private List<MemSeries> Resolve(IReadOnlyList<Matcher> matchers)
    {
        _indexLock.EnterReadLock();
        try
        {
            var refs = _index.Select(matchers);
            var result = new List<MemSeries>(refs.Length);
            foreach (var reference in refs)
            {
                var series = _series.Get(reference);
                if (series is not null)
                {
                    result.Add(series);
                }
            }
            return result;
        }
        finally
        {
            _indexLock.ExitReadLock();
        }
    }

    private T ReadIndex<T>(Func<LabelIndex, T> read)
    {
        _indexLock.EnterReadLock();
        try
        {
            return read(_index);
        }
        finally
        {
            _indexLock.ExitReadLock();
        }
    }

    /// <summary>Whether the range covers all the head's samples, so the index alone answers label questions.</summary>
    /// <remarks>
    /// Deletions do not matter here: as upstream, label names and values come from the index, which lists a series
    /// until truncation drops it, even when its samples are all deleted.
    /// </remarks>
    private bool CoversHead(long mint, long maxt) => mint <= MinTime && maxt >= MaxTime;

    /// <summary>
    /// The labels of the matching series with samples in [mint, maxt], deleted ones included: label queries read
    /// the index, not the samples, as upstream's do.
    /// </summary>
    private List<LabelSet> LabelSetsOf(long mint, long maxt, IReadOnlyList<Matcher> matchers)
    {
        var result = new List<LabelSet>();
        if (mint > maxt || mint > MaxTime || maxt < MinTime)
        {
            return result;
        }
        foreach (var series in Resolve(matchers))
        {
            lock (series)
            {
                if (series.Overlaps(mint, maxt))
                {
                    result.Add(series.Labels);
                }
            }
        }
        return result;
    }

    private static List<string> Sorted(HashSet<string> set)
    {
        var list = new List<string>(set);
        list.Sort(StringComparer.Ordinal);
        return list;
    }
}
