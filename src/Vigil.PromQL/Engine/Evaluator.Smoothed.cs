using System.Runtime.InteropServices;
using Vigil.Model.Histograms;
using Vigil.Model.Labels;
using Vigil.PromQL.Functions;
using Vigil.PromQL.Parser;

namespace Vigil.PromQL.Engine;

/// <summary>The <c>smoothed</c> instant selector, and anchored or smoothed range selectors evaluated on their own.</summary>
internal sealed partial class Evaluator
{
    // "metric smoothed": the value at t interpolated between the samples either side, within a lookback each
    // way; after the last sample, that sample's value. A series whose samples there are of both kinds has none.
    private VectorValue EvalSmoothedSelector(VectorSelector v, long t)
    {
        var at = ResolveTime(v, t) - v.Offset;
        var (mint, maxt) = (at - LookbackMs + 1, at + LookbackMs);
        var read = ReadsHistograms(v) ? RangeWithHistograms(v, mint, maxt) : Range(v, mint, maxt);
        var result = new List<VectorSample>();
        foreach (var series in read.Series)
        {
            if (series.Histograms is not { Count: > 0 } histograms)
            {
                if (SmoothedFloat(CollectionsMarshal.AsSpan(series.Points), at) is { } value)
                {
                    result.Add(new VectorSample(series.Metric, t, value));
                }
                continue;
            }
            var name = series.Metric.Get(LabelName.MetricName);
            if (series.Points.Count > 0)
            {
                Annotations.Warn($"encountered a mix of histograms and floats for metric name \"{name}\"", Pos(v));
            }
            else if (SmoothedHistogram(histograms, at, name, Pos(v)) is { } histogram)
            {
                result.Add(new VectorSample(series.Metric, t, 0) { Histogram = histogram });
            }
        }
        Account(result.Count);
        return new VectorValue(result);
    }

    // The series' floats in [mint, maxt], staleness markers left out.
    private MatrixValue Range(VectorSelector v, long mint, long maxt)
    {
        var result = new List<SeriesValue>();
        if (Prefetched(v, mint, maxt) is { } cached)
        {
            foreach (var prefetched in cached.Series)
            {
                var points = FloatWindow(prefetched, mint, maxt);
                if (points.Count > 0)
                {
                    result.Add(new SeriesValue(prefetched.Labels, points));
                }
            }
            return new MatrixValue(result);
        }
        foreach (var stored in _querier.Select(mint, maxt, v.Matchers))
        {
            var points = Points(stored.Samples(mint, maxt));
            if (points.Count > 0)
            {
                result.Add(new SeriesValue(stored.Labels, points));
            }
        }
        return new MatrixValue(result);
    }

    private static double? SmoothedFloat(ReadOnlySpan<Point> points, long at)
    {
        var i = ExtendedRange.FirstAtOrAfter(points, at, points.Length);
        if (i < points.Length && points[i].Timestamp == at)
        {
            return points[i].Value;
        }
        if (i == 0)
        {
            return null;
        }
        if (i == points.Length)
        {
            return points[^1].Value;
        }
        return ExtendedRange.Interpolate(points[i - 1], points[i], at, counter: false);
    }

    // As SmoothedFloat, for histograms. Between two samples the pair is a counter (a drop is a reset) unless
    // both are gauges; a value carried past the last sample says nothing about resets.
    private FloatHistogram? SmoothedHistogram(List<(long Timestamp, FloatHistogram Histogram)> h, long at, string name, string position)
    {
        var i = ExtendedRange.FirstAtOrAfter(h, at, h.Count);
        if (i < h.Count && h[i].Timestamp == at)
        {
            return h[i].Histogram;
        }
        if (i == 0)
        {
            return null;
        }
        if (i == h.Count)
        {
            return h[^1].Histogram.WithHint(CounterResetHint.Unknown);
        }
        var (prev, next) = (h[i - 1], h[i]);
        var counter = prev.Histogram.Hint != CounterResetHint.Gauge || next.Histogram.Hint != CounterResetHint.Gauge;
        try
        {
            if (prev.Histogram.UsesCustomBuckets != next.Histogram.UsesCustomBuckets)
            {
                throw new IncompatibleHistogramsException();
            }
            return ExtendedHistogramRange.Interpolate(prev, next, at, counter,
                operation => Annotations.Info($"mismatched custom buckets were reconciled during {operation}", position));
        }
        catch (IncompatibleHistogramsException)
        {
            Annotations.Warn($"vector contains a mix of histograms with exponential and custom buckets schemas for metric name \"{name}\"", position);
            return null;
        }
    }

    // An anchored or smoothed range selector evaluated as a range vector: its floats cut to the window with
    // points added at both edges. Upstream refuses histograms here.
    private MatrixValue ExtendWindows(MatrixValue read, VectorSelector v, long rangeStart, long rangeEnd)
    {
        var result = new List<SeriesValue>(read.Series.Count);
        foreach (var series in read.Series)
        {
            if (series.Histograms is { Count: > 0 })
            {
                throw new QueryException($"{(v.Anchored ? "anchored" : "smoothed")} modifier is not supported with histograms");
            }
            if (series.Points.Count == 0)
            {
                continue;
            }
            var points = ExtendedRange.Extend(CollectionsMarshal.AsSpan(series.Points), rangeStart, rangeEnd, v.Smoothed);
            if (points.Count > 0)
            {
                result.Add(new SeriesValue(series.Metric, points));
            }
        }
        return new MatrixValue(result);
    }
}
