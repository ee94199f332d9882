using Vigil.Model.Histograms;
using Vigil.Model.Labels;
using Vigil.PromQL.Engine;

namespace Vigil.PromQL.Functions;

/// <summary>A range function's result for one series: a float, a histogram, or nothing (both null).</summary>
internal readonly record struct RangeResult(double? Value, FloatHistogram? Histogram)
{
    public static readonly RangeResult None = default;

    public static implicit operator RangeResult(double? value) => new(value, null);

    public static implicit operator RangeResult(FloatHistogram? histogram) => new(null, histogram);
}

/// <summary>Reduces one series' window holding histogram samples (and maybe floats, kept apart) to a result.</summary>
internal delegate RangeResult HistogramRangeReducer(RangeContext context, ReadOnlySpan<Point> floats, List<(long Timestamp, FloatHistogram Histogram)> histograms);

/// <summary>
/// The range functions on windows holding native histogram samples. A function without an entry here reads
/// floats only: it ignores the histograms, with an info when there are floats to reduce, and has no result
/// for a window of histograms only.
/// </summary>
internal static class HistogramRangeFunctions
{
    public static readonly IReadOnlyDictionary<string, HistogramRangeReducer> Reducers = new Dictionary<string, HistogramRangeReducer>(StringComparer.Ordinal)
    {
        ["rate"] = (c, f, h) => Rate(c, f, h, counter: true, rate: true),
        ["increase"] = (c, f, h) => Rate(c, f, h, counter: true, rate: false),
        ["delta"] = (c, f, h) => Rate(c, f, h, counter: false, rate: false),
        ["irate"] = (c, f, h) => HistogramRates.Instant(c, f, h, rate: true),
        ["idelta"] = (c, f, h) => HistogramRates.Instant(c, f, h, rate: false),
        ["sum_over_time"] = (c, f, h) => Sum(c, f, h, average: false),
        ["avg_over_time"] = (c, f, h) => Sum(c, f, h, average: true),
        ["count_over_time"] = (_, f, h) => (double?)(f.Length + h.Count),
        ["present_over_time"] = (_, _, _) => (double?)1,
        ["last_over_time"] = Last,
        ["first_over_time"] = First,
        ["ts_of_last_over_time"] = (_, f, h) => (double?)(Math.Max(f.IsEmpty ? 0 : f[^1].Timestamp, h[^1].Timestamp) / 1000.0),
        ["ts_of_first_over_time"] = (_, f, h) => (double?)(Math.Min(f.IsEmpty ? long.MaxValue : f[0].Timestamp, h[0].Timestamp) / 1000.0),
        ["changes"] = (c, f, h) => Anchored(c, f, h, (_, af, ah) => (double?)CountTransitions(af, ah, Changed)),
        ["resets"] = (c, f, h) => Anchored(c, f, h, (c, af, ah) =>
            c.StartTimestamps is not null && af.IsEmpty ? StartTimestampRates.HistogramResets(c, ah) : (double?)CountTransitions(af, ah, IsReset)),
    };

    // rate, increase and delta: extrapolated over a plain window, edge to edge over an anchored or smoothed one.
    private static RangeResult Rate(RangeContext c, ReadOnlySpan<Point> floats, List<(long Timestamp, FloatHistogram Histogram)> histograms, bool counter, bool rate) =>
        c.Call.Args[0] is Parser.MatrixSelector { Selector: { Anchored: true } or { Smoothed: true } }
            ? ExtendedHistogramRange.Rate(c, floats, histograms, counter, rate)
            : HistogramRates.Extrapolated(c, floats, histograms, counter, rate);

    // changes and resets over an anchored window see the anchor and what follows it (the whole window otherwise).
    private static RangeResult Anchored(RangeContext c, ReadOnlySpan<Point> floats, List<(long Timestamp, FloatHistogram Histogram)> histograms, HistogramRangeReducer reduce)
    {
        if (!ExtendedRange.TryAnchor(c, floats, histograms, out var firstFloat, out var firstHistogram))
        {
            return RangeResult.None;
        }
        return firstHistogram == 0
            ? reduce(c, floats[firstFloat..], histograms)
            : reduce(c, floats[firstFloat..], histograms.GetRange(firstHistogram, histograms.Count - firstHistogram));
    }

    /// <summary>The result of <paramref name="floatReducer"/>'s function on a window holding histograms.</summary>
    public static RangeResult Reduce(RangeContext c, RangeReducer floatReducer, ReadOnlySpan<Point> floats, List<(long, FloatHistogram)> histograms)
    {
        if (Reducers.TryGetValue(c.Call.Function.Name, out var reducer))
        {
            return reducer(c, floats, histograms);
        }
        if (floats.IsEmpty)
        {
            return RangeResult.None;
        }
        c.Ev.Annotations.Info($"ignored histograms in a range containing both floats and histograms for metric name \"{c.Metric.Get(LabelName.MetricName)}\"", c.Ev.Pos(c.Call.Args[0]));
        return floatReducer(c, floats);
    }

    /// <summary>Upstream's warning for a window that mixes floats and histograms where a function needs one kind.</summary>
    public static RangeResult Mixed(RangeContext c)
    {
        c.Ev.Annotations.Warn($"encountered a mix of histograms and floats for metric name \"{c.Metric.Get(LabelName.MetricName)}\"", c.Ev.Pos(c.Call.Args[0]));
        return RangeResult.None;
    }

    // sum_over_time and avg_over_time add histograms only; a window with floats too has no result.
    private static RangeResult Sum(RangeContext c, ReadOnlySpan<Point> floats, List<(long, FloatHistogram Histogram)> histograms, bool average)
    {
        if (!floats.IsEmpty)
        {
            return Mixed(c);
        }
        var all = histograms.ConvertAll(x => x.Histogram);
        if (all.Exists(h => h.Hint == CounterResetHint.Reset) && all.Exists(h => h.Hint == CounterResetHint.NotReset))
        {
            c.Ev.Annotations.Warn("conflicting counter resets during histogram aggregation", c.Ev.Pos(c.Call.Args[0]));
        }
        try
        {
            var result = average ? HistogramSums.Mean(all, out var notes) : HistogramSums.Sum(all, out notes);
            HistogramRates.Report(c, notes & HistogramCombineNotes.CustomBoundsReconciled, "aggregation");
            return result;
        }
        catch (IncompatibleHistogramsException)
        {
            return HistogramRates.MixedSchemas(c);
        }
    }

    // The newest sample of either kind (a float wins a tie, as upstream's comparison has it).
    private static RangeResult Last(RangeContext c, ReadOnlySpan<Point> floats, List<(long Timestamp, FloatHistogram Histogram)> histograms) =>
        !floats.IsEmpty && histograms[^1].Timestamp < floats[^1].Timestamp ? floats[^1].Value : histograms[^1].Histogram;

    private static RangeResult First(RangeContext c, ReadOnlySpan<Point> floats, List<(long Timestamp, FloatHistogram Histogram)> histograms) =>
        !floats.IsEmpty && floats[0].Timestamp < histograms[0].Timestamp ? floats[0].Value : histograms[0].Histogram;

    // Walks floats and histograms merged by time, counting the steps between neighbours that
    // count: a switch between a float and a histogram always counts.
    private static int CountTransitions(ReadOnlySpan<Point> floats, List<(long Timestamp, FloatHistogram Histogram)> histograms, Func<(double Value, FloatHistogram? Histogram), (double Value, FloatHistogram? Histogram), bool> counts)
    {
        int f = 0, h = 0, n = 0;
        (double Value, FloatHistogram? Histogram)? previous = null;
        while (f < floats.Length || h < histograms.Count)
        {
            (double, FloatHistogram?) current = h >= histograms.Count || (f < floats.Length && floats[f].Timestamp < histograms[h].Timestamp)
                ? (floats[f++].Value, null)
                : (0, histograms[h++].Histogram);
            if (previous is { } p && ((p.Histogram is null) != (current.Item2 is null) || counts(p, current)))
            {
                n++;
            }
            previous = current;
        }
        return n;
    }

    private static bool Changed((double Value, FloatHistogram? Histogram) previous, (double Value, FloatHistogram? Histogram) current) =>
        previous.Histogram is { } a && current.Histogram is { } b
            ? !b.WithHint(a.Hint).Equals(a)
            : current.Value != previous.Value && !(double.IsNaN(current.Value) && double.IsNaN(previous.Value));

    private static bool IsReset((double Value, FloatHistogram? Histogram) previous, (double Value, FloatHistogram? Histogram) current) =>
        previous.Histogram is { } a && current.Histogram is { } b ? b.IsResetAfter(a) : current.Value < previous.Value;
}
