using System.Runtime.InteropServices;
using Vigil.Model.Labels;
using Vigil.Storage;

namespace Vigil.PromQL.Engine;

/// <summary>
/// One series of a selector, read from storage once for the whole query. Its samples are a slice of the
/// selector's shared buffer. Steps find their samples by binary search, helped by cursors that only move
/// forward while evaluation time does (the common case: range-query steps and subquery steps are
/// ascending), so a step costs O(1) per series.
/// </summary>
internal sealed class PrefetchedSeries(LabelSet labels, List<Sample> buffer, int offset, int count)
{
    private int _endCursor;
    private int _startCursor;
    private int _count = count;

    public LabelSet Labels { get; } = labels;

    /// <summary>The series' samples, oldest first; valid while the query that loaded them runs.</summary>
    public ReadOnlySpan<Sample> Samples => CollectionsMarshal.AsSpan(buffer).Slice(offset, _count);

    /// <summary>The labels without the name, once a range function has needed them (then every step does).</summary>
    public LabelSet? WithoutName { get; set; }

    /// <summary>
    /// Set once a range function has made its label-only checks on this series (rate's "might not be a
    /// counter" annotation): they depend on the labels alone, so later steps need not repeat them.
    /// </summary>
    public bool LabelsChecked { get; set; }

    /// <summary>The series' native histogram samples, for a selector that reads them (null otherwise, or when it has none).</summary>
    public PrefetchedHistograms? Histograms { get; init; }

    /// <summary>A points buffer reused by every step of the range selector that owns this series.</summary>
    public SeriesValue? Window { get; set; }

    /// <summary>
    /// Removes staleness markers, for a series only ever read through range windows (which skip them), so
    /// that every window is a plain slice of <see cref="Samples"/>. The kept samples move up in place.
    /// </summary>
    public void DropStaleMarkers()
    {
        var samples = CollectionsMarshal.AsSpan(buffer).Slice(offset, _count);
        var n = 0;
        for (var i = 0; i < samples.Length; i++)
        {
            if (!samples[i].IsStale)
            {
                samples[n++] = samples[i];
            }
        }
        if (n == _count)
        {
            return;
        }
        _count = n;
        _startCursor = 0;
        _endCursor = 0;
    }

    /// <summary>The index of the first sample newer than <paramref name="t"/>.</summary>
    public int UpperBound(long t)
    {
        var samples = Samples;
        var i = _endCursor;
        if (i > samples.Length || (i > 0 && samples[i - 1].Timestamp > t) || FarBehind(samples, i, t))
        {
            i = Search(samples, t + 1);
        }
        while (i < samples.Length && samples[i].Timestamp <= t)
        {
            i++;
        }
        _endCursor = i;
        return i;
    }

    /// <summary>The index of the first sample at or after <paramref name="t"/>.</summary>
    public int LowerBound(long t)
    {
        var samples = Samples;
        var i = _startCursor;
        if (i > samples.Length || (i > 0 && samples[i - 1].Timestamp >= t) || FarBehind(samples, i, t))
        {
            i = Search(samples, t);
        }
        while (i < samples.Length && samples[i].Timestamp < t)
        {
            i++;
        }
        _startCursor = i;
        return i;
    }

    // A cursor many samples behind t is cheaper to reposition by search than by walking.
    private static bool FarBehind(ReadOnlySpan<Sample> samples, int i, long t) => i + 16 < samples.Length && samples[i + 16].Timestamp < t;

    // First index whose timestamp is >= t.
    private static int Search(ReadOnlySpan<Sample> samples, long t)
    {
        int lo = 0, hi = samples.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >> 1;
            if (samples[mid].Timestamp < t)
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

    /// <summary>
    /// Reads the matching series' samples in [<paramref name="mint"/>, <paramref name="maxt"/>] into
    /// <paramref name="buffer"/>, each series a slice of it; a timed-out query stops between series.
    /// <paramref name="histograms"/> reads each series' histogram samples too (for counts and sums only when
    /// <paramref name="statsOnly"/>), for a selector whose readers handle them.
    /// </summary>
    public static PrefetchedSelector Load(
        ISeriesQuerier querier, IReadOnlyList<Matcher> matchers, long mint, long maxt, List<Sample> buffer, CancellationToken cancel,
        bool histograms = false, bool statsOnly = false)
    {
        var series = new List<PrefetchedSeries>();
        // One buffer for the whole selector, reused from earlier queries: no array per series, no doubling
        // copies, and no fresh memory to fault in at every query.
        foreach (var stored in querier.Select(mint, maxt, matchers))
        {
            cancel.ThrowIfCancellationRequested();
            var start = buffer.Count;
            stored.CopySamples(mint, maxt, buffer);
            var read = histograms ? PrefetchedHistograms.Read(stored, mint, maxt, statsOnly) : null;
            if (buffer.Count > start || read is not null)
            {
                series.Add(new PrefetchedSeries(stored.Labels, buffer, start, buffer.Count - start) { Histograms = read });
            }
        }
        return new PrefetchedSelector(mint, maxt, series.ToArray());
    }
}
