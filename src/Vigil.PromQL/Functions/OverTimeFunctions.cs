using System.Runtime.InteropServices;
using Vigil.Model.Labels;
using Vigil.PromQL.Engine;
using Vigil.PromQL.Parser;
using Vigil.Storage;

namespace Vigil.PromQL.Functions;

/// <summary>What a range function sees besides the points: the window and its other arguments.</summary>
internal sealed record RangeContext(Evaluator Ev, Call Call, long T, long RangeStart, long RangeEnd, double[] Scalars)
{
    /// <summary>The series being reduced. One context serves every series of a step (set before each call), sparing an allocation per series.</summary>
    public LabelSet Metric { get; set; } = LabelSet.Empty;

    /// <summary>The prefetched series being reduced, when the window is read in place (null otherwise).</summary>
    public PrefetchedSeries? Series { get; set; }

    public double RangeSeconds => (RangeEnd - RangeStart) / 1000.0;

    /// <summary>
    /// The start timestamps of the series' samples when the engine uses them and the argument reads storage
    /// directly (a subquery's points have none, as upstream); null otherwise.
    /// </summary>
    public IStartTimestampSource? StartTimestamps { get; } =
        Call.Args.Count > 0 && Call.Args[0] is MatrixSelector ? Ev.StartTimestamps : null;

    /// <summary>The start timestamp of the series' sample at <paramref name="timestamp"/>, 0 when unknown.</summary>
    public long StartTimestampAt(long timestamp) => StartTimestamps?.StartTimestamp(Metric, timestamp) ?? 0;
}

/// <summary>Reduces one series' points in a range window to a value, or to nothing (null).</summary>
internal delegate double? RangeReducer(RangeContext context, ReadOnlySpan<Point> points);

/// <summary>Functions over a range vector: <c>*_over_time</c>, absent, and the shared per-series driver.</summary>
internal static class OverTimeFunctions
{
    public static readonly (string Name, RangeReducer F)[] Reducers =
    [
        ("sum_over_time", (c, p) => Aggregations.Sum(Values(c, p))),
        ("avg_over_time", (c, p) => Aggregations.Average(Values(c, p))),
        ("min_over_time", (c, p) => Aggregations.Min(Values(c, p))),
        ("max_over_time", (c, p) => Aggregations.Max(Values(c, p))),
        ("count_over_time", (_, p) => p.Length),
        ("stddev_over_time", (c, p) => Math.Sqrt(Aggregations.Variance(Values(c, p)))),
        ("stdvar_over_time", (c, p) => Aggregations.Variance(Values(c, p))),
        ("last_over_time", (_, p) => p[^1].Value),
        ("first_over_time", (_, p) => p[0].Value),
        ("mad_over_time", (c, p) => MedianAbsoluteDeviation(Values(c, p))),
        ("ts_of_first_over_time", (_, p) => p[0].Timestamp / 1000.0),
        ("ts_of_last_over_time", (_, p) => p[^1].Timestamp / 1000.0),
        ("ts_of_min_over_time", (_, p) => TimestampOf(p, (a, b) => a < b)),
        ("ts_of_max_over_time", (_, p) => TimestampOf(p, (a, b) => a > b)),
    ];

    // The values go into the evaluator's scratch list: reducers consume them before the next series is read.
    private static List<double> Values(RangeContext c, ReadOnlySpan<Point> p)
    {
        var values = c.Ev.ScratchValues;
        values.Clear();
        foreach (var point in p)
        {
            values.Add(point.Value);
        }
        return values;
    }

    private static double MedianAbsoluteDeviation(List<double> values)
    {
        if (values.Any(double.IsNaN))
        {
            return double.NaN;
        }
        var median = Aggregations.Quantile(0.5, values);
        return Aggregations.Quantile(0.5, values.Select(v => Math.Abs(v - median)).ToList());
    }

    private static double TimestampOf(ReadOnlySpan<Point> p, Func<double, double, bool> better)
    {
        var best = p[0];
        foreach (var x in p)
        {
            if (better(x.Value, best.Value) || double.IsNaN(best.Value))
            {
                best = x;
            }
        }
        return best.Timestamp / 1000.0;
    }

    /// <summary>Runs <paramref name="f"/> on each series of the call's range-vector argument.</summary>
    public static QueryValue Apply(Evaluator ev, Call c, long t, RangeReducer f)
    {
        var matrixIndex = c.Function.ArgTypes.ToList().IndexOf(Parser.ValueType.Matrix);
        var scalars = c.Args.Select((a, i) => i == matrixIndex || a.Type != Parser.ValueType.Scalar ? double.NaN : ev.EvalScalar(a, t)).ToArray();
        var arg = c.Args[matrixIndex];
        var (start, end) = Window(ev, arg, t);
        var selector = Unwrap(arg) as MatrixSelector;
        ExtendedRange.CheckAllowed(c.Function.Name, selector?.Selector);
        var keepName = c.Function.Name is "last_over_time" or "first_over_time";
        var context = new RangeContext(ev, c, t, start, end, scalars);
        if (selector is { Selector.Anchored: false, Selector.Smoothed: false } && ev.PrefetchedRange(selector, t) is { } windows)
        {
            return ApplyInPlace(ev, c, windows, context, f, keepName);
        }
        var matrix = selector is { Selector.Anchored: true } or { Selector.Smoothed: true }
            ? ev.EvalMatrixSelector(selector, t, raw: true)
            : ev.EvalMatrix(arg, t);
        var result = new List<VectorSample>(matrix.Series.Count);
        if (Unwrap(arg) is SubqueryExpr)
        {
            ForgetResetHints(matrix);
        }
        foreach (var series in matrix.Series)
        {
            context.Metric = series.Metric;
            if (series.Histograms is { Count: > 0 } histograms)
            {
                var r = HistogramRangeFunctions.Reduce(context, f, CollectionsMarshal.AsSpan(series.Points), histograms);
                if (r.Histogram is { } h)
                {
                    result.Add(Output(ev, series, t, 0, keepName) with { Histogram = h });
                }
                else if (r.Value is { } hv)
                {
                    result.Add(Output(ev, series, t, hv, keepName));
                }
                continue;
            }
            if (f(context, CollectionsMarshal.AsSpan(series.Points)) is { } v)
            {
                result.Add(Output(ev, series, t, v, keepName));
            }
        }
        ev.EnsureUniqueLabelSets(c, result);
        return new VectorValue(result);
    }

    // A plain range selector read from the prefetched samples: each series' window is a slice of its array,
    // found by cursors that slide forward with the steps, so no point is copied.
    private static VectorValue ApplyInPlace(Evaluator ev, Call c, RangeWindows windows, RangeContext context, RangeReducer f, bool keepName)
    {
        var result = ev.StepResult(c, windows.Selector.Series.Length);
        foreach (var series in windows.Selector.Series)
        {
            var points = windows.Of(series);
            if (points.IsEmpty)
            {
                continue;
            }
            ev.Account(points.Length);
            context.Metric = series.Labels;
            context.Series = series;
            if (f(context, points) is { } v)
            {
                result.Add(new VectorSample(keepName || ev.DelayNameRemoval ? series.Labels : series.WithoutName ??= ev.WithoutName(series.Labels), context.T, v) { DropName = !keepName });
            }
        }
        ev.EnsureUniqueLabelSets(c, result);
        return new VectorValue(result);
    }

    // The result element for one series: the name kept (last/first_over_time) or marked to drop.
    private static VectorSample Output(Evaluator ev, SeriesValue series, long t, double value, bool keepName) =>
        keepName ? new VectorSample(series.Metric, t, value) { DropName = series.DropName } : ev.NameDropped(series.Metric, t, value);

    // A subquery may skip the sample that carried a reset, or return it at several steps: its histograms'
    // reset hints are dropped, and range functions compare neighbouring histograms instead, as for floats.
    private static void ForgetResetHints(MatrixValue matrix)
    {
        foreach (var series in matrix.Series)
        {
            var histograms = series.Histograms;
            for (var i = 0; histograms is not null && i < histograms.Count; i++)
            {
                if (histograms[i].Histogram.Hint is Model.Histograms.CounterResetHint.Reset or Model.Histograms.CounterResetHint.NotReset)
                {
                    histograms[i] = (histograms[i].Timestamp, histograms[i].Histogram.WithHint(Model.Histograms.CounterResetHint.Unknown));
                }
            }
        }
    }

    private static Expr Unwrap(Expr e) => e is ParenExpr p ? Unwrap(p.Inner) : e;

    /// <summary>The window [start, end] in milliseconds that a range argument covers at <paramref name="t"/>.</summary>
    public static (long Start, long End) Window(Evaluator ev, Expr arg, long t)
    {
        while (arg is ParenExpr p)
        {
            arg = p.Inner;
        }
        return arg switch
        {
            MatrixSelector m => (ev.ResolveTime(m.Selector, t) - m.Selector.Offset - m.Range, ev.ResolveTime(m.Selector, t) - m.Selector.Offset),
            SubqueryExpr s => (ev.ResolveTime(s, t) - s.Offset - s.Range, ev.ResolveTime(s, t) - s.Offset),
            _ => (t, t),
        };
    }

    public static QueryValue QuantileOverTime(Evaluator ev, Call c, long t)
    {
        var phi = ev.EvalScalar(c.Args[0], t);
        if (double.IsNaN(phi) || phi < 0 || phi > 1)
        {
            ev.Annotations.Warn($"quantile value should be between 0 and 1, got {Printer.FormatNumber(phi)}", ev.Pos(c.Args[0]));
        }
        return Apply(ev, c, t, (ctx, p) => Aggregations.Quantile(phi, Values(ctx, p)));
    }

    public static QueryValue Absent(Evaluator ev, Call c, long t)
    {
        if (ev.EvalVector(c.Args[0], t).Count > 0)
        {
            return new VectorValue([]);
        }
        return new VectorValue([new VectorSample(AbsentLabels(c.Args[0]), t, 1)]);
    }

    public static QueryValue AbsentOverTime(Evaluator ev, Call c, long t)
    {
        if (ev.EvalMatrix(c.Args[0], t).Series.Count > 0)
        {
            return new VectorValue([]);
        }
        var arg = c.Args[0] is MatrixSelector m ? m.Selector : null;
        return new VectorValue([new VectorSample(arg is null ? LabelSet.Empty : AbsentLabels(arg), t, 1)]);
    }

    // Only labels pinned by a single equality matcher can be reported; a name matched twice is ambiguous.
    private static LabelSet AbsentLabels(Expr arg)
    {
        if (arg is not VectorSelector vs)
        {
            return LabelSet.Empty;
        }
        var equal = vs.Matchers.Where(m => m.Type == MatcherType.Equal && m.Name != LabelName.MetricName).ToList();
        var repeated = vs.Matchers.Where(m => m.Name != LabelName.MetricName).GroupBy(m => m.Name).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet();
        return LabelSet.From(equal.Where(m => !repeated.Contains(m.Name)).Select(m => new Label(m.Name, m.Value)));
    }
}
