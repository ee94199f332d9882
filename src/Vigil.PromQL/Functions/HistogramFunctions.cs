using System.Globalization;
using Vigil.Model.Labels;
using Vigil.PromQL.Engine;
using Vigil.PromQL.Parser;

namespace Vigil.PromQL.Functions;

/// <summary><c>histogram_quantile</c> over classic (<c>le</c>-labelled) buckets.</summary>
internal static class HistogramFunctions
{
    private const double SmallDeltaTolerance = 1e-12;

    private sealed record BucketGroup(LabelSet Labels, string Name, List<(double Upper, double Count)> Buckets);

    public static QueryValue Quantile(Evaluator ev, Call c, long t)
    {
        var q = QuantileParam(ev, c.Args[0], t);
        var result = new List<VectorSample>();
        foreach (var g in Groups(ev, c.Args[1], t))
        {
            result.Add(new VectorSample(g.Labels, t, QuantileOf(ev, c.Args[1], g, q)) { DropName = true });
        }
        Evaluator.EnsureUniqueLabelSets(result);
        return new VectorValue(result);
    }

    /// <summary><c>histogram_quantiles(v, "label", q1, q2, ...)</c>: one output series per quantile, told apart by the label.</summary>
    public static QueryValue Quantiles(Evaluator ev, Call c, long t)
    {
        var label = ((StringValue)ev.Eval(c.Args[1], t)).Value;
        var qs = c.Args.Skip(2).Select(a => QuantileParam(ev, a, t)).ToList();
        var result = new List<VectorSample>();
        foreach (var g in Groups(ev, c.Args[0], t))
        {
            if (g.Labels.Has(label))
            {
                throw new QueryException($"label \"{label}\" already exists on the input series");
            }
            foreach (var q in qs)
            {
                result.Add(new VectorSample(g.Labels.With(label, QuantileLabel(q)), t, QuantileOf(ev, c.Args[0], g, q)) { DropName = true });
            }
        }
        Evaluator.EnsureUniqueLabelSets(result);
        return new VectorValue(result);
    }

    public static QueryValue Fraction(Evaluator ev, Call c, long t)
    {
        var lower = ev.EvalScalar(c.Args[0], t);
        var upper = ev.EvalScalar(c.Args[1], t);
        var result = Groups(ev, c.Args[2], t).Select(g => new VectorSample(g.Labels, t, BucketFraction(lower, upper, g.Buckets)) { DropName = true }).ToList();
        Evaluator.EnsureUniqueLabelSets(result);
        return new VectorValue(result);
    }

    private static string QuantileLabel(double q)
    {
        var text = Aggregations.FormatValue(q);
        return text.Contains('.') || text.Contains('e') || text.Contains("Inf") || text == "NaN" ? text : text + ".0";
    }

    private static double QuantileParam(Evaluator ev, Expr arg, long t)
    {
        var q = ev.EvalScalar(arg, t);
        if (double.IsNaN(q) || q < 0 || q > 1)
        {
            ev.Annotations.Warn($"quantile value should be between 0 and 1, got {Printer.FormatNumber(q)}", ev.Pos(arg));
        }
        return q;
    }

    private static double QuantileOf(Evaluator ev, Expr arg, BucketGroup g, double q)
    {
        var (value, forced) = BucketQuantile(q, g.Buckets);
        if (forced)
        {
            ev.Annotations.Info($"input to histogram_quantile needed to be fixed for monotonicity (see https://prometheus.io/docs/prometheus/latest/querying/functions/#histogram_quantile) for metric name \"{g.Name}\"", ev.Pos(arg));
        }
        return value;
    }

    /// <summary>What a bucket series' labels say, worked out once per label set object (see <see cref="Evaluator.BucketLabels"/>).</summary>
    /// <param name="Key">The labels without <c>le</c>: the group.</param>
    /// <param name="Output">The group's labels without the name: the result series.</param>
    /// <param name="Name">The metric name, for annotations.</param>
    /// <param name="HasLe">Whether <c>le</c> is present and parses.</param>
    /// <param name="Upper">The bucket's upper bound.</param>
    internal sealed record BucketLabels(LabelSet Key, LabelSet Output, string Name, bool HasLe, double Upper);

    // Buckets group by every label but "le"; the name stays in the key so that two histograms
    // that differ only by name collide after it is dropped, as upstream reports.
    private static List<BucketGroup> Groups(Evaluator ev, Expr arg, long t)
    {
        var groups = new Dictionary<LabelSet, BucketGroup>();
        var order = new List<BucketGroup>();
        foreach (var s in ev.EvalVector(arg, t))
        {
            var bucket = ev.BucketLabels(s.Metric, Describe);
            if (!bucket.HasLe)
            {
                ev.Annotations.Warn($"bucket label \"le\" is missing or has a malformed value of \"{s.Metric.Get("le")}\" for metric name \"{bucket.Name}\"", ev.Pos(arg));
                continue;
            }
            if (!groups.TryGetValue(bucket.Key, out var group))
            {
                group = new BucketGroup(ev.DelayNameRemoval ? bucket.Key : bucket.Output, bucket.Name, []);
                groups[bucket.Key] = group;
                order.Add(group);
            }
            group.Buckets.Add((bucket.Upper, s.Value));
        }
        return order;
    }

    private static BucketLabels Describe(LabelSet metric)
    {
        var key = metric.Without(["le"]);
        var hasLe = TryParseLe(metric.Get("le"), out var upper);
        return new BucketLabels(key, Evaluator.DropName(key), metric.Get(LabelName.MetricName), hasLe, upper);
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

    /// <summary>The share of observations between <paramref name="lower"/> and <paramref name="upper"/>, interpolating inside buckets.</summary>
    public static double BucketFraction(double lower, double upper, List<(double Upper, double Count)> input)
    {
        var buckets = input.OrderBy(b => b.Upper).ToList();
        if (buckets.Count == 0 || !double.IsPositiveInfinity(buckets[^1].Upper))
        {
            return double.NaN;
        }
        buckets = Coalesce(buckets);
        var count = buckets[^1].Count;
        if (count == 0 || double.IsNaN(lower) || double.IsNaN(upper))
        {
            return double.NaN;
        }
        if (lower >= upper)
        {
            return 0;
        }
        var lowerRank = RankAt(lower, buckets);
        var upperRank = RankAt(upper, buckets);
        return (Math.Min(upperRank, count) - Math.Min(lowerRank, count)) / count;
    }

    // The cumulative count at value v; buckets with an infinite bound contribute nothing inside them.
    private static double RankAt(double v, List<(double Upper, double Count)> buckets)
    {
        double rank = 0;
        var lowerBound = buckets[0].Upper <= 0 ? double.NegativeInfinity : 0;
        for (var i = 0; i < buckets.Count; i++)
        {
            if (i > 0)
            {
                lowerBound = buckets[i - 1].Upper;
            }
            var (upperBound, cumulative) = buckets[i];
            if (lowerBound >= v)
            {
                return rank;
            }
            if (upperBound > v)
            {
                return double.IsNegativeInfinity(lowerBound) ? cumulative : rank + ((cumulative - rank) * (v - lowerBound) / (upperBound - lowerBound));
            }
            rank = cumulative;
        }
        return double.PositiveInfinity;
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
