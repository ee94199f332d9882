using Vigil.Model.Labels;
using Vigil.Storage;

namespace Vigil.PromQL.Engine;

/// <summary>
/// One series of a selector, read from storage once for the whole query. Steps find their samples by
/// binary search, helped by cursors that only move forward while evaluation time does (the common case:
/// range-query steps and subquery steps are ascending), so a step costs O(1) per series.
/// </summary>
internal sealed class PrefetchedSeries(LabelSet labels, Sample[] samples)
{
    private int _endCursor;
    private int _startCursor;

    public LabelSet Labels { get; } = labels;

    public Sample[] Samples { get; private set; } = samples;

    /// <summary>The labels without the name, once a range function has needed them (then every step does).</summary>
    public LabelSet? WithoutName { get; set; }

    /// <summary>A points buffer reused by every step of the range selector that owns this series.</summary>
    public SeriesValue? Window { get; set; }

    /// <summary>
    /// Removes staleness markers, for a series only ever read through range windows (which skip them), so
    /// that every window is a plain slice of <see cref="Samples"/>.
    /// </summary>
    public void DropStaleMarkers()
    {
        var stale = 0;
        foreach (var s in Samples)
        {
            stale += s.IsStale ? 1 : 0;
        }
        if (stale == 0)
        {
            return;
        }
        var kept = new Sample[Samples.Length - stale];
        var n = 0;
        foreach (var s in Samples)
        {
            if (!s.IsStale)
            {
                kept[n++] = s;
            }
        }
        Samples = kept;
        _startCursor = 0;
        _endCursor = 0;
    }

    /// <summary>The index of the first sample newer than <paramref name="t"/>.</summary>
    public int UpperBound(long t)
    {
        var i = _endCursor;
        if (i > Samples.Length || (i > 0 && Samples[i - 1].Timestamp > t) || FarBehind(i, t))
        {
            i = Search(t + 1);
        }
        while (i < Samples.Length && Samples[i].Timestamp <= t)
        {
            i++;
        }
        _endCursor = i;
        return i;
    }

    /// <summary>The index of the first sample at or after <paramref name="t"/>.</summary>
    public int LowerBound(long t)
    {
        var i = _startCursor;
        if (i > Samples.Length || (i > 0 && Samples[i - 1].Timestamp >= t) || FarBehind(i, t))
        {
            i = Search(t);
        }
        while (i < Samples.Length && Samples[i].Timestamp < t)
        {
            i++;
        }
        _startCursor = i;
        return i;
    }

    // A cursor many samples behind t is cheaper to reposition by search than by walking.
    private bool FarBehind(int i, long t) => i + 16 < Samples.Length && Samples[i + 16].Timestamp < t;

    // First index whose timestamp is >= t.
    private int Search(long t)
    {
        int lo = 0, hi = Samples.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >> 1;
            if (Samples[mid].Timestamp < t)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }
        return lo;
    }
}

/// <summary>The series of one selector for the stretch of time <see cref="SelectorWindows"/> computed.</summary>
internal sealed class PrefetchedSelector(long mint, long maxt, PrefetchedSeries[] series)
{
    public long Mint { get; } = mint;

    public long Maxt { get; } = maxt;

    public PrefetchedSeries[] Series { get; } = series;

    private bool _staleDropped;

    /// <summary>
    /// Drops every series' staleness markers once. Only for a selector under a range (a matrix selector's
    /// inner selector is never evaluated as an instant vector, which needs the markers to end a series).
    /// </summary>
    public void DropStaleMarkers()
    {
        if (_staleDropped)
        {
            return;
        }
        foreach (var s in Series)
        {
            s.DropStaleMarkers();
        }
        _staleDropped = true;
    }

    /// <summary>Whether a step's read of [<paramref name="from"/>, <paramref name="to"/>] is inside what was fetched.</summary>
    public bool Covers(long from, long to) => from >= Mint && to <= Maxt;

    /// <summary>Reads the matching series' samples in [<paramref name="mint"/>, <paramref name="maxt"/>]; a timed-out query stops between series.</summary>
    public static PrefetchedSelector Load(ISeriesQuerier querier, IReadOnlyList<Matcher> matchers, long mint, long maxt, CancellationToken cancel)
    {
        var series = new List<PrefetchedSeries>();
        // One buffer for every series: each series then costs a single exact-size array instead of the
        // doubling copies of a fresh list per series.
        var buffer = new List<Sample>();
        foreach (var stored in querier.Select(mint, maxt, matchers))
        {
            cancel.ThrowIfCancellationRequested();
            buffer.Clear();
            stored.CopySamples(mint, maxt, buffer);
            if (buffer.Count > 0)
            {
                series.Add(new PrefetchedSeries(stored.Labels, buffer.ToArray()));
            }
        }
        return new PrefetchedSelector(mint, maxt, series.ToArray());
    }
}
