using Vigil.Model.Labels;
using Vigil.PromQL.Parser;
using Vigil.Storage;

namespace Vigil.PromQL.Engine;

/// <summary>Instant and range vector selectors.</summary>
internal sealed partial class Evaluator
{
    private VectorValue EvalVectorSelector(VectorSelector v, long t)
    {
        if (v.Smoothed)
        {
            return EvalSmoothedSelector(v, t);
        }
        var at = ResolveTime(v, t) - v.Offset;
        var mint = at - LookbackMs + 1;
        if (_querier != _histogramQuerier && HistogramSelectors.Contains(v))
        {
            return LatestWithHistograms(v, mint, at);
        }
        if (Prefetched(v, mint, at) is { } cached)
        {
            return LatestSamples(cached, mint, at);
        }
        var result = new List<VectorSample>();
        foreach (var series in _querier.Select(mint, at, v.Matchers))
        {
            Sample? last = null;
            foreach (var sample in series.Samples(mint, at))
            {
                last = sample;
            }
            if (last is { } s && !s.IsStale)
            {
                result.Add(new VectorSample(series.Labels, s.Timestamp, s.Value));
            }
        }
        Account(result.Count);
        return new VectorValue(result);
    }

    // The newest sample of either kind per series; a stale marker newer than any histogram hides the series.
    private VectorValue LatestWithHistograms(VectorSelector v, long mint, long at)
    {
        var result = new List<VectorSample>();
        if (Prefetched(v, mint, at) is { } cached)
        {
            foreach (var series in cached.Series)
            {
                var i = series.UpperBound(at);
                Sample? last = i > 0 && series.Samples[i - 1].Timestamp >= mint ? series.Samples[i - 1] : null;
                AddLatest(result, series.Labels, last, series.Histograms?.Latest(mint, at));
            }
        }
        else
        {
            foreach (var series in _histogramQuerier.Select(mint, at, v.Matchers))
            {
                var last = series.Samples(mint, at).Select(s => (Sample?)s).LastOrDefault();
                var lastHistogram = _statsOnly.Contains(v)
                    ? StatsOnly(series.HistogramSamples(mint, at)).Select(h => (HistogramSample?)new HistogramSample(h.Timestamp, h.Histogram)).LastOrDefault()
                    : series.HistogramSamples(mint, at).Select(h => (HistogramSample?)h).LastOrDefault();
                AddLatest(result, series.Labels, last, lastHistogram);
            }
        }
        Account(result.Count);
        return new VectorValue(result);
    }

    private static void AddLatest(List<VectorSample> result, LabelSet labels, Sample? last, HistogramSample? lastHistogram)
    {
        if (lastHistogram is { } h && (last is not { } f || f.Timestamp < h.Timestamp))
        {
            result.Add(new VectorSample(labels, h.Timestamp, 0) { Histogram = h.Histogram });
        }
        else if (last is { } s && !s.IsStale)
        {
            result.Add(new VectorSample(labels, s.Timestamp, s.Value));
        }
    }

    private VectorValue LatestSamples(PrefetchedSelector cached, long mint, long at)
    {
        var result = new List<VectorSample>();
        foreach (var series in cached.Series)
        {
            var i = series.UpperBound(at);
            if (i > 0 && series.Samples[i - 1] is { } s && s.Timestamp >= mint && !s.IsStale)
            {
                result.Add(new VectorSample(series.Labels, s.Timestamp, s.Value));
            }
        }
        Account(result.Count);
        return new VectorValue(result);
    }

    /// <summary>
    /// Evaluates a range selector. With <c>anchored</c> or <c>smoothed</c> the window reaches one lookback
    /// further (both ways for smoothed); <paramref name="raw"/> returns those samples as they are for the
    /// rate functions, otherwise they are cut to the window with synthetic edge points.
    /// </summary>
    public MatrixValue EvalMatrixSelector(MatrixSelector m, long t, bool raw)
    {
        var v = m.Selector;
        var at = ResolveTime(v, t) - v.Offset;
        var extended = v.Anchored || v.Smoothed;
        var mint = at - m.Range + 1 - (extended ? LookbackMs : 0);
        var rangeStart = at - m.Range;
        var rangeEnd = at;
        at += v.Smoothed ? LookbackMs : 0;
        if (ReadsHistograms(v))
        {
            var read = RangeWithHistograms(v, mint, at);
            return extended && !raw ? ExtendWindows(read, v, rangeStart, rangeEnd) : read;
        }
        var candidates = Prefetched(v, mint, at) is { } cached
            ? cached.Series.Select(s => Window(s, mint, at))
            : _querier.Select(mint, at, v.Matchers).Select(s => new SeriesValue(s.Labels, Points(s.Samples(mint, at))));
        var result = new List<SeriesValue>();
        foreach (var candidate in candidates)
        {
            var series = candidate;
            if (extended && !raw && series.Points.Count > 0)
            {
                series = new SeriesValue(series.Metric, Functions.ExtendedRange.Extend(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(series.Points), rangeStart, rangeEnd, v.Smoothed));
            }
            if (series.Points.Count > 0)
            {
                Account(series.Points.Count);
                result.Add(series);
            }
        }
        return new MatrixValue(result);
    }

    /// <summary>
    /// The prefetched series of a plain range selector (no <c>anchored</c>/<c>smoothed</c>) with its window at
    /// <paramref name="t"/>, for range functions that read each window in place; null when the step falls
    /// outside what was prefetched (the caller then evaluates the selector as a matrix).
    /// </summary>
    internal RangeWindows? PrefetchedRange(MatrixSelector m, long t)
    {
        var v = m.Selector;
        if (ReadsHistograms(v))
        {
            return null;
        }
        var at = ResolveTime(v, t) - v.Offset;
        var mint = at - m.Range + 1;
        if (Prefetched(v, mint, at) is not { } cached)
        {
            return null;
        }
        cached.DropStaleMarkers();
        return new RangeWindows(cached, mint, at);
    }

    // Whether this selector reads histogram samples too, bypassing the guard and the float-only prefetch.
    private bool ReadsHistograms(VectorSelector v) => _querier != _histogramQuerier && HistogramSelectors.Contains(v);

    // A range selector whose reader handles histograms: each series' floats and histograms in the window,
    // kept apart (see SeriesValue.Histograms), from the prefetched samples when the window is inside them.
    private MatrixValue RangeWithHistograms(VectorSelector v, long mint, long maxt)
    {
        var result = new List<SeriesValue>();
        if (Prefetched(v, mint, maxt) is { } cached)
        {
            foreach (var prefetched in cached.Series)
            {
                var series = new SeriesValue(prefetched.Labels, FloatWindow(prefetched, mint, maxt));
                AddWithHistograms(result, series, prefetched.Histograms?.Window(mint, maxt) ?? []);
            }
            return new MatrixValue(result);
        }
        foreach (var stored in _histogramQuerier.Select(mint, maxt, v.Matchers))
        {
            var series = new SeriesValue(stored.Labels, Points(stored.Samples(mint, maxt)));
            var histograms = _statsOnly.Contains(v)
                ? StatsOnly(stored.HistogramSamples(mint, maxt))
                : stored.HistogramSamples(mint, maxt).Select(h => (h.Timestamp, h.Histogram)).ToList();
            AddWithHistograms(result, series, histograms);
        }
        return new MatrixValue(result);
    }

    private void AddWithHistograms(List<SeriesValue> result, SeriesValue series, List<(long Timestamp, Model.Histograms.FloatHistogram Histogram)> histograms)
    {
        if (histograms.Count > 0)
        {
            series.Histograms = histograms;
        }
        if (series.Points.Count + histograms.Count > 0)
        {
            Account(series.Points.Count + histograms.Count);
            result.Add(series);
        }
    }

    // A prefetched series' floats in [mint, maxt] as a new list (the result may outlive the step), markers left out.
    private static List<Point> FloatWindow(PrefetchedSeries series, long mint, long maxt)
    {
        var samples = series.Samples;
        var (from, to) = (series.LowerBound(mint), series.UpperBound(maxt));
        var points = new List<Point>(to - from);
        for (var i = from; i < to; i++)
        {
            if (!samples[i].IsStale)
            {
                points.Add(new Point(samples[i].Timestamp, samples[i].Value));
            }
        }
        return points;
    }

    private static List<(long Timestamp, Model.Histograms.FloatHistogram Histogram)> StatsOnly(IEnumerable<HistogramSample> samples)
    {
        var histograms = samples.Select(h => (h.Timestamp, h.Histogram)).ToList();
        HistogramStatsReads.Apply(histograms);
        return histograms;
    }

    private static List<Point> Points(IEnumerable<Sample> samples) =>
        samples.Where(s => !s.IsStale).Select(s => new Point(s.Timestamp, s.Value)).ToList();

    // The window's points go into a buffer owned by the series and reused at every step: a range selector's
    // result is always reduced by its function before the same selector is evaluated again.
    private static SeriesValue Window(PrefetchedSeries series, long mint, long maxt)
    {
        var window = series.Window ??= new SeriesValue(series.Labels, []);
        var points = window.Points;
        points.Clear();
        var samples = series.Samples;
        for (int i = series.LowerBound(mint), end = series.UpperBound(maxt); i < end; i++)
        {
            if (!samples[i].IsStale)
            {
                points.Add(new Point(samples[i].Timestamp, samples[i].Value));
            }
        }
        return window;
    }
}
