using Vigil.Model.Histograms;
using Vigil.Model.Labels;
using Vigil.PromQL.Engine;

namespace Vigil.PromQL.Functions;

/// <summary>
/// rate, increase, delta, irate and idelta over native histograms: differences of whole histograms, with
/// counter resets found bucket by bucket (or from the samples' hints), and the result marked a gauge.
/// </summary>
internal static class HistogramRates
{
    /// <summary>rate, increase (counters) and delta (gauges), extrapolated to the window as for floats.</summary>
    public static RangeResult Extrapolated(RangeContext c, ReadOnlySpan<Point> floats, List<(long Timestamp, FloatHistogram Histogram)> histograms, bool counter, bool rate)
    {
        if (!floats.IsEmpty)
        {
            return HistogramRangeFunctions.Mixed(c);
        }
        var first = histograms[0];
        var last = histograms[^1];
        // With start timestamps, a first sample that started inside the window counts from zero there.
        var started = counter && c.StartTimestamps is not null
            ? StartTimestampRates.StartedInside(c, c.StartTimestampAt(first.Timestamp), first.Timestamp, last.Timestamp, histograms.Count, rate)
            : null;
        if (started is { } startedFactor)
        {
            return StartedInside(c, histograms, startedFactor);
        }
        if (histograms.Count < 2 || Increase(c, histograms, counter) is not { } increase)
        {
            return RangeResult.None;
        }
        var factor = last.Timestamp == first.Timestamp
            ? (rate ? 1 / c.RangeSeconds : 1)
            : RateFunctions.ExtrapolationFactor(c, first.Timestamp, last.Timestamp, histograms.Count, counter, first.Histogram.Count, increase.Count, rate);
        return increase.Multiply(factor).WithHint(CounterResetHint.Gauge);
    }

    private static RangeResult StartedInside(RangeContext c, List<(long Timestamp, FloatHistogram Histogram)> histograms, double factor)
    {
        var first = histograms[0].Histogram;
        if (histograms.Count == 1)
        {
            return first.Multiply(factor).WithHint(CounterResetHint.Gauge);
        }
        if (Increase(c, histograms, counter: true) is not { } increase)
        {
            return RangeResult.None;
        }
        try
        {
            return increase.Add(first, out _).Multiply(factor).WithHint(CounterResetHint.Gauge);
        }
        catch (IncompatibleHistogramsException)
        {
            return MixedSchemas(c);
        }
    }

    // The last histogram minus the first at the lowest schema seen, plus (for a counter) every histogram
    // just before a reset. Null when the histograms cannot be combined (an annotation says why).
    private static FloatHistogram? Increase(RangeContext c, List<(long Timestamp, FloatHistogram Histogram)> histograms, bool counter)
    {
        var previous = histograms[0].Histogram;
        var last = histograms[^1].Histogram;
        if (counter && (previous.Hint == CounterResetHint.Gauge || last.Hint == CounterResetHint.Gauge))
        {
            NotCounter(c);
        }
        // A reset right after the first sample makes the first irrelevant, whatever its layout.
        if (counter && histograms[1].Histogram is var second
            && (second.IsResetAfter(previous) || StartTimestampRates.ResetAt(c, histograms[0].Timestamp, histograms[1].Timestamp)))
        {
            previous = EmptyLike(second);
        }
        if (last.UsesCustomBuckets != previous.UsesCustomBuckets)
        {
            return NoneForMixedSchemas(c);
        }
        var schema = Math.Min(last.Schema, previous.Schema);
        for (var i = 1; i < histograms.Count - 1 && counter; i++)
        {
            var h = histograms[i].Histogram;
            if (h.Hint == CounterResetHint.Gauge)
            {
                NotCounter(c);
            }
            if (h.UsesCustomBuckets != previous.UsesCustomBuckets)
            {
                return NoneForMixedSchemas(c);
            }
            schema = Math.Min(schema, h.Schema);
        }
        try
        {
            var result = last.Reduce(schema).Subtract(previous, out var notes);
            Report(c, notes & HistogramCombineNotes.CustomBoundsReconciled, "subtraction");
            if (!counter)
            {
                if (histograms[0].Histogram.Hint != CounterResetHint.Gauge || last.Hint != CounterResetHint.Gauge)
                {
                    c.Ev.Annotations.Warn($"this native histogram metric is not a gauge: \"{Name(c)}\"", Position(c));
                }
                return result;
            }
            for (var i = 1; i < histograms.Count; i++)
            {
                var current = histograms[i].Histogram;
                StartTimestampRates.WarnOnOverlap(c, histograms[i - 1].Timestamp, histograms[i].Timestamp);
                if (current.IsResetAfter(previous) || StartTimestampRates.ResetAt(c, histograms[i - 1].Timestamp, histograms[i].Timestamp))
                {
                    result = result.Add(previous, out notes);
                    Report(c, notes & HistogramCombineNotes.CustomBoundsReconciled, "addition");
                }
                previous = current;
            }
            return result;
        }
        catch (IncompatibleHistogramsException)
        {
            return NoneForMixedSchemas(c);
        }
    }

    /// <summary>irate and idelta: the last two samples of the window, which must both be histograms.</summary>
    public static RangeResult Instant(RangeContext c, ReadOnlySpan<Point> floats, List<(long Timestamp, FloatHistogram Histogram)> histograms, bool rate)
    {
        if (floats.Length + histograms.Count < 2)
        {
            return RangeResult.None;
        }
        var (older, newer) = LastTwo(floats, histograms);
        var interval = newer.Timestamp - older.Timestamp;
        if (interval == 0)
        {
            return RangeResult.None;
        }
        if (older.Histogram is not { } before || newer.Histogram is not { } after)
        {
            return older.Histogram is null && newer.Histogram is null
                ? FloatInstant(newer.Value - older.Value, newer.Value < older.Value, newer.Value, interval, rate)
                : HistogramRangeFunctions.Mixed(c);
        }
        if (rate && (after.Hint == CounterResetHint.Gauge || before.Hint == CounterResetHint.Gauge))
        {
            NotCounter(c);
        }
        if (!rate && (after.Hint != CounterResetHint.Gauge || before.Hint != CounterResetHint.Gauge))
        {
            c.Ev.Annotations.Warn($"this native histogram metric is not a gauge: \"{Name(c)}\"", Position(c));
        }
        var result = after;
        if (!rate || !(after.IsResetAfter(before) || StartTimestampRates.ResetAt(c, older.Timestamp, newer.Timestamp)))
        {
            try
            {
                result = after.Subtract(before, out var notes);
                Report(c, notes & HistogramCombineNotes.CustomBoundsReconciled, "subtraction");
            }
            catch (IncompatibleHistogramsException)
            {
                return MixedSchemas(c);
            }
        }
        result = result.WithHint(CounterResetHint.Gauge);
        return rate ? result.Divide(interval / 1000.0) : result;
    }

    // Two floats as last two samples (histograms earlier in the window): irate/idelta as for floats.
    private static RangeResult FloatInstant(double difference, bool dropped, double last, long interval, bool rate) =>
        !rate ? difference : (dropped ? last : difference) / (interval / 1000.0);

    // The last two samples of either kind, oldest first; on a timestamp tie the histogram counts as the newer.
    private static ((long Timestamp, double Value, FloatHistogram? Histogram) Older, (long Timestamp, double Value, FloatHistogram? Histogram) Newer) LastTwo(
        ReadOnlySpan<Point> floats, List<(long Timestamp, FloatHistogram Histogram)> histograms)
    {
        var candidates = new List<(long Timestamp, double Value, FloatHistogram? Histogram)>(4);
        for (var i = Math.Max(0, floats.Length - 2); i < floats.Length; i++)
        {
            candidates.Add((floats[i].Timestamp, floats[i].Value, null));
        }
        for (var i = Math.Max(0, histograms.Count - 2); i < histograms.Count; i++)
        {
            candidates.Add((histograms[i].Timestamp, 0, histograms[i].Histogram));
        }
        // Stable by time, floats first among equals: the later entry of a tie is the newer one.
        var ordered = candidates.OrderBy(x => x.Timestamp).ToList();
        return (ordered[^2], ordered[^1]);
    }

    private static FloatHistogram EmptyLike(FloatHistogram h) =>
        new(h.Schema, 0, 0, 0, 0, BucketRun.Empty, BucketRun.Empty, CounterResetHint.Unknown, h.CustomValues);

    private static void NotCounter(RangeContext c) =>
        c.Ev.Annotations.Warn($"this native histogram metric is not a counter: \"{Name(c)}\"", Position(c));

    /// <summary>Upstream's warning for histograms of both exponential and custom buckets in one window.</summary>
    public static RangeResult MixedSchemas(RangeContext c)
    {
        c.Ev.Annotations.Warn($"vector contains a mix of histograms with exponential and custom buckets schemas for metric name \"{Name(c)}\"", Position(c));
        return RangeResult.None;
    }

    private static FloatHistogram? NoneForMixedSchemas(RangeContext c)
    {
        MixedSchemas(c);
        return null;
    }

    /// <summary>The info that custom bucket bounds had to be reconciled during <paramref name="operation"/>.</summary>
    public static void Report(RangeContext c, HistogramCombineNotes notes, string operation)
    {
        if (notes.HasFlag(HistogramCombineNotes.CustomBoundsReconciled))
        {
            c.Ev.Annotations.Info($"mismatched custom buckets were reconciled during {operation}", Position(c));
        }
    }

    private static string Name(RangeContext c) => c.Metric.Get(LabelName.MetricName);

    private static string Position(RangeContext c) => c.Ev.Pos(c.Call.Args[0]);
}
