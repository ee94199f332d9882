using Vigil.Model.Histograms;
using Vigil.PromQL.Parser;

namespace Vigil.PromQL.Engine;

/// <summary>
/// Upstream reads a selector whose histograms only feed <c>histogram_count</c>, <c>histogram_sum</c> or
/// <c>histogram_avg</c> without their buckets, and finds counter resets while reading: a histogram whose hint
/// is unknown gets "reset" or "not reset" by comparing it with the one read before it. That changes what
/// functions in between see (their reset detection has no buckets to compare; hints can now conflict), so
/// Vigil reads such selectors the same way.
/// </summary>
internal static class HistogramStatsReads
{
    /// <summary>
    /// The selectors read for statistics only: under <c>histogram_count</c>, <c>histogram_sum</c> or
    /// <c>histogram_avg</c>, with no subquery, trim or bucket-reading function closer to the root.
    /// </summary>
    public static HashSet<VectorSelector> Selectors(Expr root)
    {
        var result = new HashSet<VectorSelector>(ReferenceEqualityComparer.Instance);
        Walk(root, statsOnly: false, result);
        return result;
    }

    // statsOnly: what the nearest deciding node above says.
    private static void Walk(Expr e, bool statsOnly, HashSet<VectorSelector> into)
    {
        switch (e)
        {
            case VectorSelector v:
                if (statsOnly)
                {
                    into.Add(v);
                }
                return;
            case SubqueryExpr s:
                // A subquery's counter reset detection needs the buckets, whatever is above it.
                Walk(s.Inner, false, into);
                return;
            case Call { Function.Name: "histogram_count" or "histogram_sum" or "histogram_avg" } c:
                statsOnly = true;
                break;
            case Call { Function.Name: "histogram_quantile" or "histogram_quantiles" or "histogram_fraction" }:
                statsOnly = false;
                break;
            case BinaryExpr b when PromQLParser.IsTrim(b.Op):
                statsOnly = false;
                break;
        }
        foreach (var child in AstWalker.Children(e))
        {
            Walk(child, statsOnly, into);
        }
    }

    /// <summary>
    /// The histograms of one series as a statistics-only read gives them, oldest first: count, sum and schema
    /// only, and an unknown hint after the first replaced by what comparing with the previous one says.
    /// </summary>
    public static void Apply(List<(long Timestamp, FloatHistogram Histogram)> histograms)
    {
        FloatHistogram? previous = null;
        for (var i = 0; i < histograms.Count; i++)
        {
            var h = histograms[i].Histogram;
            var hint = h.Hint == CounterResetHint.Unknown && previous is not null
                ? (h.IsResetAfter(previous) ? CounterResetHint.Reset : CounterResetHint.NotReset)
                : h.Hint;
            previous = h;
            histograms[i] = (histograms[i].Timestamp, new FloatHistogram(
                h.Schema, 0, 0, h.Count, h.Sum, BucketRun.Empty, BucketRun.Empty, hint, h.CustomValues));
        }
    }
}
