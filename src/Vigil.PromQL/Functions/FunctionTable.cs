using Vigil.Model.Labels;
using Vigil.PromQL.Engine;
using Vigil.PromQL.Parser;

namespace Vigil.PromQL.Functions;

/// <summary>Dispatches function calls to their implementations, grouped by kind in sibling files.</summary>
internal static class FunctionTable
{
    private delegate QueryValue Impl(Evaluator ev, Call call, long t);

    private static readonly Dictionary<string, Impl> Table = Build();

    public static QueryValue Invoke(Evaluator ev, Call call, long t)
    {
        if (!Table.TryGetValue(call.Function.Name, out var impl))
        {
            throw new QueryException($"function \"{call.Function.Name}\" is not supported");
        }
        if (ev.Interval > 0 && call.Function.Name.StartsWith("sort", StringComparison.Ordinal))
        {
            ev.Annotations.Warn("sort is ineffective for range queries since results are always ordered by labels", ev.Pos(call));
        }
        return impl(ev, call, t);
    }

    private static Dictionary<string, Impl> Build()
    {
        var table = new Dictionary<string, Impl>(StringComparer.Ordinal);
        foreach (var (name, f) in MathFunctions.Simple)
        {
            table[name] = (ev, c, t) => MapVector(ev, c, t, f);
        }
        foreach (var (name, f) in TimeFunctions.Parts)
        {
            table[name] = (ev, c, t) => TimeFunctions.Apply(ev, c, t, f);
        }
        foreach (var (name, f) in OverTimeFunctions.Reducers)
        {
            table[name] = (ev, c, t) => OverTimeFunctions.Apply(ev, c, t, f);
        }
        foreach (var (name, f) in RateFunctions.All)
        {
            table[name] = (ev, c, t) => OverTimeFunctions.Apply(ev, c, t, f);
        }
        table["clamp"] = MathFunctions.Clamp;
        table["clamp_min"] = MathFunctions.Clamp;
        table["clamp_max"] = MathFunctions.Clamp;
        table["round"] = MathFunctions.Round;
        table["timestamp"] = MathFunctions.Timestamp;
        table["start_timestamp"] = StartTimestampRates.StartTimestamp;
        table["pi"] = (ev, c, t) => new ScalarValue(t, Math.PI);
        table["step"] = (ev, c, t) => new ScalarValue(t, ev.Interval / 1000.0);
        table["range"] = (ev, c, t) => new ScalarValue(t, (ev.QueryEnd - ev.QueryStart) / 1000.0);
        table["start"] = (ev, c, t) => new ScalarValue(t, ev.QueryStart / 1000.0);
        table["end"] = (ev, c, t) => new ScalarValue(t, ev.QueryEnd / 1000.0);
        table["min_of"] = (ev, c, t) => new ScalarValue(t, Math.Min(ev.EvalScalar(c.Args[0], t), ev.EvalScalar(c.Args[1], t)));
        table["max_of"] = (ev, c, t) => new ScalarValue(t, Math.Max(ev.EvalScalar(c.Args[0], t), ev.EvalScalar(c.Args[1], t)));
        table["time"] = (ev, c, t) => new ScalarValue(t, t / 1000.0);
        table["vector"] = (ev, c, t) => new VectorValue([new VectorSample(LabelSet.Empty, t, ev.EvalScalar(c.Args[0], t))]);
        table["scalar"] = (ev, c, t) =>
        {
            // Only float samples count: one float (besides any histograms) is the value.
            var floats = ev.EvalVector(c.Args[0], t).Where(s => s.Histogram is null).Take(2).ToList();
            return new ScalarValue(t, floats.Count == 1 ? floats[0].Value : double.NaN);
        };
        table["absent"] = OverTimeFunctions.Absent;
        table["absent_over_time"] = OverTimeFunctions.AbsentOverTime;
        table["present_over_time"] = (ev, c, t) => OverTimeFunctions.Apply(ev, c, t, (_, _) => 1);
        table["sort"] = (ev, c, t) => LabelFunctions.Sort(ev, c, t, descending: false);
        table["sort_desc"] = (ev, c, t) => LabelFunctions.Sort(ev, c, t, descending: true);
        table["sort_by_label"] = (ev, c, t) => LabelFunctions.SortByLabel(ev, c, t, descending: false);
        table["sort_by_label_desc"] = (ev, c, t) => LabelFunctions.SortByLabel(ev, c, t, descending: true);
        table["label_replace"] = LabelFunctions.LabelReplace;
        table["label_join"] = LabelFunctions.LabelJoin;
        table["histogram_quantile"] = HistogramFunctions.Quantile;
        table["histogram_quantiles"] = HistogramFunctions.Quantiles;
        table["histogram_fraction"] = HistogramFunctions.Fraction;
        table["histogram_count"] = NativeHistogramFunctions.Count;
        table["histogram_sum"] = NativeHistogramFunctions.Sum;
        table["histogram_avg"] = NativeHistogramFunctions.Avg;
        table["histogram_stdvar"] = NativeHistogramFunctions.StdVar;
        table["histogram_stddev"] = NativeHistogramFunctions.StdDev;
        table["quantile_over_time"] = OverTimeFunctions.QuantileOverTime;
        table["info"] = InfoFunction.Invoke;
        return table;
    }

    /// <summary>Applies <paramref name="f"/> to every float element of the first (vector) argument, dropping the name.</summary>
    public static VectorValue MapVector(Evaluator ev, Call c, long t, Func<double, double> f)
    {
        // Histogram samples have no float to map: they are left out, as upstream does.
        var input = ev.EvalVector(c.Args[0], t);
        var samples = new List<VectorSample>(input.Count);
        foreach (var s in input)
        {
            if (s.Histogram is null)
            {
                samples.Add(ev.NameDropped(s.Metric, t, f(s.Value)));
            }
        }
        ev.EnsureUniqueLabelSets(c, samples);
        return new VectorValue(samples);
    }
}
