using Vigil.Model.Histograms;
using Vigil.Model.Labels;
using Vigil.PromQL.Engine;
using Vigil.PromQL.Parser;

namespace Vigil.PromQL.Functions;

/// <summary>
/// <c>rate</c>, <c>increase</c> and <c>delta</c> over an <c>anchored</c> or <c>smoothed</c> window of native
/// histograms: the histogram at the window's end minus the one at its start (each picked, or interpolated for
/// smoothed), plus for a counter every histogram just before a reset. No extrapolation, as for floats
/// (<see cref="ExtendedRange.Rate"/>). Histograms that cannot be combined give no result and a warning.
/// </summary>
internal static class ExtendedHistogramRange
{
    /// <summary>The window's rate, increase or delta; none for a window mixing floats and histograms.</summary>
    public static RangeResult Rate(RangeContext c, ReadOnlySpan<Point> floats, List<(long Timestamp, FloatHistogram Histogram)> h, bool counter, bool rate)
    {
        if (!floats.IsEmpty)
        {
            return HistogramRangeFunctions.Mixed(c);
        }
        var smoothed = c.Call.Args[0] is MatrixSelector { Selector.Smoothed: true };
        var last = h.Count - 1;
        var first = Math.Max(0, ExtendedRange.FirstAfter(h, c.RangeStart, last) - 1);
        if (smoothed)
        {
            last = ExtendedRange.FirstAtOrAfter(h, c.RangeEnd, last);
        }
        if (h[last].Timestamp <= c.RangeStart || (smoothed && h[first].Timestamp > c.RangeEnd))
        {
            return RangeResult.None;
        }
        if (!SameBucketKind(c, h, first, last, counter))
        {
            return RangeResult.None;
        }
        try
        {
            return Difference(c, h, first, last, smoothed, counter, rate);
        }
        catch (IncompatibleHistogramsException)
        {
            return HistogramRates.MixedSchemas(c);
        }
    }

    private static FloatHistogram Difference(RangeContext c, List<(long Timestamp, FloatHistogram Histogram)> h, int first, int last, bool smoothed, bool counter, bool rate)
    {
        var left = smoothed && h[first].Timestamp < c.RangeStart
            ? Interpolate(c, h[first], h[first + 1], c.RangeStart, counter)
            : h[first].Histogram;
        var right = smoothed && last > 0 && h[last].Timestamp > c.RangeEnd
            ? Interpolate(c, h[last - 1], h[last], c.RangeEnd, counter)
            : h[last].Histogram;
        if (!counter && (left.Hint != CounterResetHint.Gauge || right.Hint != CounterResetHint.Gauge))
        {
            c.Ev.Annotations.Warn($"this native histogram metric is not a gauge: \"{Name(c)}\"", Position(c));
        }
        var result = right.Subtract(left, out var notes);
        HistogramRates.Report(c, notes, "subtraction");
        if (counter && Correction(c, h, first, last, left, right, smoothed) is { } correction)
        {
            result = result.Add(correction, out notes);
            HistogramRates.Report(c, notes, "addition");
        }
        if (rate)
        {
            result = result.Divide(c.RangeSeconds);
        }
        return result.WithHint(CounterResetHint.Gauge);
    }

    /// <summary>
    /// Whether every histogram from <paramref name="first"/> to <paramref name="last"/> has the same kind of
    /// buckets (else a warning); for a counter, warns about each gauge histogram among them.
    /// </summary>
    private static bool SameBucketKind(RangeContext c, List<(long Timestamp, FloatHistogram Histogram)> h, int first, int last, bool counter)
    {
        var custom = h[first].Histogram.UsesCustomBuckets;
        for (var i = first; i <= last; i++)
        {
            if (h[i].Histogram.UsesCustomBuckets != custom)
            {
                HistogramRates.MixedSchemas(c);
                return false;
            }
            if (counter && h[i].Histogram.Hint == CounterResetHint.Gauge)
            {
                c.Ev.Annotations.Warn($"this native histogram metric is not a counter: \"{Name(c)}\"", Position(c));
            }
        }
        return true;
    }

    /// <summary>
    /// For a counter: the sum of every histogram just before a reset inside the window (null when none). The
    /// edges were already picked or interpolated across a reset there; a reset the smoothed left edge spanned
    /// is not counted again.
    /// </summary>
    private static FloatHistogram? Correction(RangeContext c, List<(long Timestamp, FloatHistogram Histogram)> h, int firstIndex, int lastIndex, FloatHistogram left, FloatHistogram right, bool smoothed)
    {
        var first = firstIndex + 1;
        var previous = left;
        if (smoothed && h[firstIndex].Timestamp < c.RangeStart && h[firstIndex + 1].Histogram.IsResetAfter(h[firstIndex].Histogram))
        {
            previous = h[firstIndex + 1].Histogram;
            first++;
        }
        // The last sample is the right edge (or was interpolated to it, with its hint): the edge stands for it.
        var last = lastIndex - 1;
        if (first > last + 1)
        {
            return null;
        }
        FloatHistogram? correction = null;
        for (var i = first; i <= last + 1; i++)
        {
            var current = i <= last ? h[i].Histogram : right;
            if (current.IsResetAfter(previous))
            {
                correction = correction is null ? previous : Add(c, correction, previous);
            }
            previous = current;
        }
        return correction;
    }

    private static FloatHistogram Add(RangeContext c, FloatHistogram a, FloatHistogram b)
    {
        var sum = a.Add(b, out var notes);
        HistogramRates.Report(c, notes, "addition");
        return sum;
    }

    /// <summary>
    /// The histogram at <paramref name="t"/> on the straight line between two samples (<paramref name="p1"/>
    /// before, <paramref name="p2"/> after). A counter that reset between them is taken to have grown from zero
    /// to the second. <paramref name="reconciled"/> is told the operation ("subtraction", "addition") whenever
    /// custom bucket bounds had to be reconciled.
    /// </summary>
    /// <exception cref="IncompatibleHistogramsException">One has custom buckets and the other not.</exception>
    public static FloatHistogram Interpolate((long Timestamp, FloatHistogram Histogram) p1, (long Timestamp, FloatHistogram Histogram) p2, long t, bool counter, Action<string> reconciled)
    {
        if (t == p1.Timestamp)
        {
            return p1.Histogram;
        }
        if (t == p2.Timestamp)
        {
            return p2.Histogram;
        }
        var fraction = (double)(t - p1.Timestamp) / (p2.Timestamp - p1.Timestamp);
        if (counter && p2.Histogram.IsResetAfter(p1.Histogram))
        {
            return p2.Histogram.Multiply(fraction);
        }
        var difference = p2.Histogram.Subtract(p1.Histogram, out var notes);
        if (notes.HasFlag(HistogramCombineNotes.CustomBoundsReconciled))
        {
            reconciled("subtraction");
        }
        var result = difference.Multiply(fraction).Add(p1.Histogram, out notes);
        if (notes.HasFlag(HistogramCombineNotes.CustomBoundsReconciled))
        {
            reconciled("addition");
        }
        return result;
    }

    private static FloatHistogram Interpolate(RangeContext c, (long, FloatHistogram) p1, (long, FloatHistogram) p2, long t, bool counter) =>
        Interpolate(p1, p2, t, counter, operation => HistogramRates.Report(c, HistogramCombineNotes.CustomBoundsReconciled, operation));

    private static string Name(RangeContext c) => c.Metric.Get(LabelName.MetricName);

    private static string Position(RangeContext c) => c.Ev.Pos(c.Call.Args[0]);
}
