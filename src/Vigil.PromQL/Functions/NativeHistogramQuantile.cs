using Vigil.Model.Histograms;

namespace Vigil.PromQL.Functions;

/// <summary>What a quantile or fraction estimate found out about NaN observations, for the caller's info annotation.</summary>
internal enum NaNObservations
{
    /// <summary>Nothing to report.</summary>
    None,

    /// <summary>The rank fell among the NaN observations (no bucket holds them): the quantile is NaN.</summary>
    QuantileIsNaN,

    /// <summary>NaN observations count in the total but in no bucket, so the quantile is pushed up.</summary>
    QuantileSkewed,

    /// <summary>NaN observations count in the total but in no bucket, so every fraction leaves them out.</summary>
    FractionExcludesNaN,
}

/// <summary>
/// <c>histogram_quantile</c> and <c>histogram_fraction</c> on one exponential native histogram. Inside an
/// exponential bucket the observations are taken to spread evenly on a log scale (the bucket bounds are
/// evenly spaced there), inside the zero bucket evenly on a linear scale.
/// </summary>
internal static class NativeHistogramQuantile
{
    /// <summary>One bucket with its bounds, as the estimates walk them.</summary>
    internal readonly record struct Bucket(double Lower, double Upper, double Count);

    /// <summary>
    /// The <paramref name="q"/>-quantile: below 0 is -Inf, above 1 is +Inf, NaN for NaN or an empty histogram.
    /// Ranks below the median are counted from the lowest bucket, the others from the highest, so each end
    /// stays exact; with NaN observations (NaN sum) always from the lowest, as the NaNs sit in no bucket.
    /// </summary>
    public static double Quantile(double q, FloatHistogram h, out NaNObservations nan)
    {
        nan = NaNObservations.None;
        if (q < 0)
        {
            return double.NegativeInfinity;
        }
        if (q > 1)
        {
            return double.PositiveInfinity;
        }
        if (h.Count == 0 || double.IsNaN(q))
        {
            return double.NaN;
        }
        var buckets = Ascending(h);
        var forward = double.IsNaN(h.Sum) || q < 0.5;
        var rank = forward ? q * h.Count : (1 - q) * h.Count;
        double count = 0;
        var at = -1;
        var bucket = default(Bucket);
        for (var i = 0; i < buckets.Count; i++)
        {
            bucket = buckets[forward ? i : buckets.Count - 1 - i];
            at = i;
            if (bucket.Count == 0)
            {
                continue;
            }
            count += bucket.Count;
            if (count >= rank)
            {
                break;
            }
        }
        if (h.UsesCustomBuckets)
        {
            // The open-ended first and last custom buckets give their finite bound; the first is taken to
            // start at 0 when its bound is positive.
            if (double.IsNegativeInfinity(bucket.Lower))
            {
                if (bucket.Upper <= 0)
                {
                    return bucket.Upper;
                }
                bucket = bucket with { Lower = 0 };
            }
            else if (double.IsPositiveInfinity(bucket.Upper))
            {
                return bucket.Lower;
            }
        }
        else if (bucket.Lower < 0 && bucket.Upper > 0)
        {
            bucket = ZeroBucketOneSided(h, bucket);
        }
        // Rounding can make the buckets add up to a little more than the count.
        count = Math.Min(count, h.Count);
        if (count < rank)
        {
            // Only NaN observations (counted, in no bucket) can leave the rank unreached.
            if (double.IsNaN(h.Sum))
            {
                nan = NaNObservations.QuantileIsNaN;
                return double.NaN;
            }
            return bucket.Upper;
        }
        rank = forward ? rank - (count - bucket.Count) : count - rank;
        if (double.IsNaN(h.Sum))
        {
            for (var i = at + 1; i < buckets.Count; i++)
            {
                count += buckets[i].Count;
            }
            if (count < h.Count)
            {
                nan = NaNObservations.QuantileSkewed;
            }
        }
        return Interpolate(bucket, rank / bucket.Count, h.UsesCustomBuckets);
    }

    // The value a fraction of the way into a bucket: linear in custom buckets and the zero bucket, on a log
    // scale otherwise (mirrored for negative buckets).
    private static double Interpolate(Bucket bucket, double fraction, bool customBuckets)
    {
        if (customBuckets || (bucket.Lower <= 0 && bucket.Upper >= 0))
        {
            return bucket.Lower + ((bucket.Upper - bucket.Lower) * fraction);
        }
        var logLower = Math.Log2(Math.Abs(bucket.Lower));
        var logUpper = Math.Log2(Math.Abs(bucket.Upper));
        if (bucket.Lower > 0)
        {
            return double.Exp2(logLower + ((logUpper - logLower) * fraction));
        }
        return -double.Exp2(logUpper + ((logLower - logUpper) * (1 - fraction)));
    }

    /// <summary>
    /// The share of observations in [<paramref name="lower"/>, <paramref name="upper"/>]: NaN for an empty
    /// histogram or a NaN bound, 0 when lower >= upper. NaN observations are in no bucket, so they are in no
    /// fraction either (the whole range then gives less than 1).
    /// </summary>
    public static double Fraction(double lower, double upper, FloatHistogram h, out NaNObservations nan)
    {
        nan = NaNObservations.None;
        if (h.Count == 0 || double.IsNaN(lower) || double.IsNaN(upper))
        {
            return double.NaN;
        }
        if (lower >= upper)
        {
            return 0;
        }
        var buckets = Ascending(h);
        double rank = 0;
        double? lowerRank = null, upperRank = null;
        foreach (var raw in buckets)
        {
            var zero = raw.Lower <= 0 && raw.Upper >= 0;
            var b = zero ? ZeroBucketOneSided(h, raw) : raw;
            lowerRank ??= RankAtBoundary(b, lower, rank, zero || h.UsesCustomBuckets);
            upperRank ??= RankAtBoundary(b, upper, rank, zero || h.UsesCustomBuckets);
            if (lowerRank is not null && upperRank is not null)
            {
                break;
            }
            rank += b.Count;
        }
        var total = h.Count;
        if (double.IsNaN(h.Sum))
        {
            total = buckets.Sum(b => b.Count);
            if (total < h.Count)
            {
                nan = NaNObservations.FractionExcludesNaN;
            }
        }
        var from = lowerRank is { } l && l <= total ? l : total;
        var to = upperRank is { } u && u <= total ? u : total;
        return (to - from) / h.Count;
    }

    // The cumulative count at v if v lies at or below this bucket (null if above): the count below the bucket
    // when v is at or under its lower bound, plus the interpolated share when v is inside it.
    // An open-ended custom bucket gives no share of itself: none below a value inside the +Inf one, all of
    // it below a value inside the -Inf one (which is the first bucket, so the rank is its count).
    private static double? RankAtBoundary(Bucket b, double v, double rankBelow, bool linear)
    {
        if (b.Lower >= v)
        {
            return rankBelow;
        }
        if (b.Upper <= v)
        {
            return null;
        }
        if (double.IsNegativeInfinity(b.Lower))
        {
            return b.Count;
        }
        return rankBelow + (b.Count * FractionBelow(b, v, linear));
    }

    /// <summary>The share of a bucket's width at or below <paramref name="v"/> (strictly inside its finite bounds).</summary>
    internal static double FractionBelow(Bucket b, double v, bool linear)
    {
        if (linear)
        {
            return (v - b.Lower) / (b.Upper - b.Lower);
        }
        var logLower = Math.Log2(Math.Abs(b.Lower));
        var logUpper = Math.Log2(Math.Abs(b.Upper));
        var logV = Math.Log2(Math.Abs(v));
        return v > 0 ? (logV - logLower) / (logUpper - logLower) : 1 - ((logV - logUpper) / (logLower - logUpper));
    }

    // A bucket spanning zero (the zero bucket, or a custom bucket) on a histogram with buckets on one side
    // only holds observations of that sign only.
    private static Bucket ZeroBucketOneSided(FloatHistogram h, Bucket zero) => (h.Negative.IsEmpty, h.Positive.IsEmpty) switch
    {
        (true, false) => zero with { Lower = 0 },
        (false, true) => zero with { Upper = 0 },
        _ => zero,
    };

    /// <summary>
    /// Every bucket from the lowest up: negative buckets, the zero bucket (when it has observations), positive
    /// buckets. Bounds of buckets overlapping the zero bucket stop at its threshold.
    /// </summary>
    internal static List<Bucket> Ascending(FloatHistogram h)
    {
        if (h.CustomValues is { } bounds)
        {
            return CustomAscending(h.Positive, bounds);
        }
        var z = h.ZeroThreshold;
        var result = new List<Bucket>(h.Negative.Count + h.Positive.Count + 1);
        for (var k = h.Negative.Count - 1; k >= 0; k--)
        {
            var index = h.Negative.Offset + k;
            var upper = -FloatHistogram.UpperBound(index - 1, h.Schema);
            result.Add(new Bucket(-FloatHistogram.UpperBound(index, h.Schema), upper < 0 && upper > -z ? -z : upper, h.Negative.Counts[k]));
        }
        if (h.ZeroCount > 0)
        {
            result.Add(new Bucket(-z, z, h.ZeroCount));
        }
        for (var k = 0; k < h.Positive.Count; k++)
        {
            var index = h.Positive.Offset + k;
            var lower = FloatHistogram.UpperBound(index - 1, h.Schema);
            result.Add(new Bucket(lower > 0 && lower < z ? z : lower, FloatHistogram.UpperBound(index, h.Schema), h.Positive.Counts[k]));
        }
        return result;
    }

    // Custom bucket i covers (bounds[i-1], bounds[i]]; the first reaches down to -Inf, the one past the last bound up to +Inf.
    private static List<Bucket> CustomAscending(BucketRun buckets, IReadOnlyList<double> bounds)
    {
        double Bound(int index) => index < 0 ? double.NegativeInfinity : index >= bounds.Count ? double.PositiveInfinity : bounds[index];
        var result = new List<Bucket>(buckets.Count);
        for (var k = 0; k < buckets.Count; k++)
        {
            var index = buckets.Offset + k;
            result.Add(new Bucket(Bound(index - 1), Bound(index), buckets.Counts[k]));
        }
        return result;
    }
}
