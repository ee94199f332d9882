namespace Vigil.PromQL.Functions;

/// <summary>Quantile and fraction estimates over classic histogram buckets (cumulative counts by upper bound).</summary>
internal static class ClassicBuckets
{
    private const double SmallDeltaTolerance = 1e-12;

    /// <summary>Interpolates the quantile within the bucket holding its rank; returns whether counts had to be made monotonic.</summary>
    public static (double Value, bool ForcedMonotonic) Quantile(double q, List<(double Upper, double Count)> input)
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
    public static double Fraction(double lower, double upper, List<(double Upper, double Count)> input)
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
