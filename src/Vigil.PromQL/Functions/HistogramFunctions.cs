using System.Globalization;
using Vigil.Model.Labels;
using Vigil.PromQL.Engine;
using Vigil.PromQL.Parser;

namespace Vigil.PromQL.Functions;

/// <summary><c>histogram_quantile</c> over classic (<c>le</c>-labelled) buckets.</summary>
internal static class HistogramFunctions
{
    private const double SmallDeltaTolerance = 1e-12;

    public static QueryValue Quantile(Evaluator ev, Call c, long t)
    {
        var q = ev.EvalScalar(c.Args[0], t);
        if (double.IsNaN(q) || q < 0 || q > 1)
        {
            ev.Annotations.Warn($"quantile value should be between 0 and 1, got {Printer.FormatNumber(q)}", ev.Pos(c.Args[0]));
        }
        var groups = new Dictionary<LabelSet, List<(double Upper, double Count)>>();
        var names = new Dictionary<LabelSet, string>();
        var order = new List<LabelSet>();
        foreach (var s in ev.EvalVector(c.Args[1], t))
        {
            var name = s.Metric.Get(LabelName.MetricName);
            if (!TryParseLe(s.Metric.Get("le"), out var upper))
            {
                ev.Annotations.Warn($"bucket label \"le\" is missing or has a malformed value of \"{s.Metric.Get("le")}\" for metric name \"{name}\"", ev.Pos(c.Args[1]));
                continue;
            }
            var key = s.Metric.Without(["le", LabelName.MetricName]);
            if (!groups.TryGetValue(key, out var buckets))
            {
                buckets = [];
                groups[key] = buckets;
                names[key] = name;
                order.Add(key);
            }
            buckets.Add((upper, s.Value));
        }
        var result = new List<VectorSample>();
        foreach (var key in order)
        {
            var (value, forced) = BucketQuantile(q, groups[key]);
            if (forced)
            {
                ev.Annotations.Info($"input to histogram_quantile needed to be fixed for monotonicity (see https://prometheus.io/docs/prometheus/latest/querying/functions/#histogram_quantile) for metric name \"{names[key]}\"", ev.Pos(c.Args[1]));
            }
            result.Add(new VectorSample(key, t, value));
        }
        return new VectorValue(result);
    }

    private static bool TryParseLe(string text, out double upper)
    {
        upper = 0;
        if (text.Length == 0)
        {
            return false;
        }
        var lower = text.ToLowerInvariant();
        if (lower is "+inf" or "inf")
        {
            upper = double.PositiveInfinity;
            return true;
        }
        if (lower == "-inf")
        {
            upper = double.NegativeInfinity;
            return true;
        }
        if (lower == "nan")
        {
            upper = double.NaN;
            return true;
        }
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out upper);
    }

    /// <summary>Interpolates the quantile within the bucket holding its rank; returns whether counts had to be made monotonic.</summary>
    public static (double Value, bool ForcedMonotonic) BucketQuantile(double q, List<(double Upper, double Count)> input)
    {
        if (double.IsNaN(q))
        {
            return (double.NaN, false);
        }
        if (q < 0)
        {
            return (double.NegativeInfinity, false);
        }
        if (q > 1)
        {
            return (double.PositiveInfinity, false);
        }
        var buckets = input.OrderBy(b => b.Upper).ToList();
        if (buckets.Count == 0 || !double.IsPositiveInfinity(buckets[^1].Upper))
        {
            return (double.NaN, false);
        }
        buckets = Coalesce(buckets);
        var forced = EnsureMonotonic(buckets);
        if (buckets.Count < 2)
        {
            return (double.NaN, forced);
        }
        var observations = buckets[^1].Count;
        if (observations == 0)
        {
            return (double.NaN, forced);
        }
        var rank = q * observations;
        var b = 0;
        while (b < buckets.Count - 1 && !(buckets[b].Count >= rank))
        {
            b++;
        }
        if (b == buckets.Count - 1)
        {
            return (buckets[^2].Upper, forced);
        }
        if (b == 0 && buckets[0].Upper <= 0)
        {
            return (buckets[0].Upper, forced);
        }
        double start = 0;
        var end = buckets[b].Upper;
        var count = buckets[b].Count;
        if (b > 0)
        {
            start = buckets[b - 1].Upper;
            count -= buckets[b - 1].Count;
            rank -= buckets[b - 1].Count;
        }
        return (start + ((end - start) * (rank / count)), forced);
    }

    private static List<(double Upper, double Count)> Coalesce(List<(double Upper, double Count)> buckets)
    {
        var result = new List<(double Upper, double Count)>();
        foreach (var b in buckets)
        {
            if (result.Count > 0 && result[^1].Upper == b.Upper)
            {
                result[^1] = (b.Upper, result[^1].Count + b.Count);
            }
            else
            {
                result.Add(b);
            }
        }
        return result;
    }

    // Tiny float noise is smoothed silently; real decreases are flattened and reported.
    private static bool EnsureMonotonic(List<(double Upper, double Count)> buckets)
    {
        var forced = false;
        var prev = buckets[0].Count;
        for (var i = 1; i < buckets.Count; i++)
        {
            var cur = buckets[i].Count;
            if (cur == prev)
            {
                continue;
            }
            if (AlmostEqual(prev, cur, SmallDeltaTolerance))
            {
                buckets[i] = (buckets[i].Upper, prev);
                continue;
            }
            if (cur < prev)
            {
                buckets[i] = (buckets[i].Upper, prev);
                forced = true;
                continue;
            }
            prev = cur;
        }
        return forced;
    }

    private static bool AlmostEqual(double a, double b, double epsilon)
    {
        const double minNormal = 2.2250738585072014e-308;
        if (a == b)
        {
            return true;
        }
        var absSum = Math.Abs(a) + Math.Abs(b);
        var diff = Math.Abs(a - b);
        if (a == 0 || b == 0 || absSum < minNormal)
        {
            return diff < epsilon * minNormal;
        }
        return diff / Math.Min(absSum, double.MaxValue) < epsilon;
    }
}
