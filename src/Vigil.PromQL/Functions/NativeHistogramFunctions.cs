using Vigil.Model.Histograms;
using Vigil.PromQL.Engine;
using Vigil.PromQL.Parser;

namespace Vigil.PromQL.Functions;

/// <summary>
/// <c>histogram_count</c>, <c>histogram_sum</c>, <c>histogram_avg</c>, <c>histogram_stdvar</c> and
/// <c>histogram_stddev</c>: one float per native histogram sample, without the metric name. Float samples in
/// the argument have no result, as upstream.
/// </summary>
internal static class NativeHistogramFunctions
{
    public static QueryValue Count(Evaluator ev, Call c, long t) => Map(ev, c, t, h => h.Count);

    public static QueryValue Sum(Evaluator ev, Call c, long t) => Map(ev, c, t, h => h.Sum);

    public static QueryValue Avg(Evaluator ev, Call c, long t) => Map(ev, c, t, h => h.Sum / h.Count);

    public static QueryValue StdVar(Evaluator ev, Call c, long t) => Map(ev, c, t, Variance);

    public static QueryValue StdDev(Evaluator ev, Call c, long t) => Map(ev, c, t, h => Math.Sqrt(Variance(h)));

    // Each bucket's observations counted at one point: the zero bucket at 0, an exponential bucket at the
    // geometric middle of its bounds (negative for negative buckets); summed from the lowest bucket up.
    private static double Variance(FloatHistogram h)
    {
        var mean = h.Sum / h.Count;
        double variance = 0, c = 0;
        void Add(double count, double value)
        {
            if (count != 0)
            {
                var delta = value - mean;
                (variance, c) = Aggregations.KahanAdd(count * delta * delta, variance, c);
            }
        }
        if (h.UsesCustomBuckets)
        {
            // Custom buckets are plain intervals: each counts at its linear middle.
            foreach (var b in NativeHistogramQuantile.Ascending(h))
            {
                Add(b.Count, (b.Upper + b.Lower) / 2);
            }
            return (variance + c) / h.Count;
        }
        for (var k = h.Negative.Count - 1; k >= 0; k--)
        {
            var index = h.Negative.Offset + k;
            Add(h.Negative.Counts[k], -Math.Sqrt(FloatHistogram.UpperBound(index, h.Schema) * FloatHistogram.UpperBound(index - 1, h.Schema)));
        }
        Add(h.ZeroCount, 0);
        for (var k = 0; k < h.Positive.Count; k++)
        {
            var index = h.Positive.Offset + k;
            Add(h.Positive.Counts[k], Math.Sqrt(FloatHistogram.UpperBound(index, h.Schema) * FloatHistogram.UpperBound(index - 1, h.Schema)));
        }
        return (variance + c) / h.Count;
    }

    private static VectorValue Map(Evaluator ev, Call c, long t, Func<FloatHistogram, double> f)
    {
        var samples = new List<VectorSample>();
        foreach (var s in ev.EvalVector(c.Args[0], t))
        {
            if (s.Histogram is { } h)
            {
                samples.Add(ev.NameDropped(s.Metric, t, f(h)));
            }
        }
        ev.EnsureUniqueLabelSets(c, samples);
        return new VectorValue(samples);
    }
}
