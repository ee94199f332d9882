using Vigil.Model.Histograms;
using Vigil.PromQL.Engine;
using Vigil.PromQL.Parser;

namespace Vigil.PromQL.Functions;

/// <summary>
/// <c>histogram_count</c>, <c>histogram_sum</c> and <c>histogram_avg</c>: one float per native histogram
/// sample, without the metric name. Float samples in the argument have no result, as upstream.
/// </summary>
internal static class NativeHistogramFunctions
{
    public static QueryValue Count(Evaluator ev, Call c, long t) => Map(ev, c, t, h => h.Count);

    public static QueryValue Sum(Evaluator ev, Call c, long t) => Map(ev, c, t, h => h.Sum);

    public static QueryValue Avg(Evaluator ev, Call c, long t) => Map(ev, c, t, h => h.Sum / h.Count);

    private static VectorValue Map(Evaluator ev, Call c, long t, Func<FloatHistogram, double> f)
    {
        var samples = new List<VectorSample>();
        foreach (var s in ev.EvalVector(c.Args[0], t))
        {
            if (s.Histogram is { } h)
            {
                samples.Add(new VectorSample(ev.WithoutName(s.Metric), t, f(h)));
            }
        }
        ev.EnsureUniqueLabelSets(c, samples);
        return new VectorValue(samples);
    }
}
