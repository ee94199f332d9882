namespace Vigil.Model.Histograms;

/// <summary>The trim operators <c>&lt;/</c> and <c>&gt;/</c>.</summary>
public sealed partial class FloatHistogram
{
    /// <summary>
    /// Keeps only the observations below <paramref name="value"/> (<paramref name="keepBelow"/>, PromQL's
    /// <c>&lt;/</c>) or above it (<c>&gt;/</c>). Buckets wholly on the kept side stay; a bucket the value falls
    /// into keeps the share on the kept side, assuming observations spread evenly on a log scale (as
    /// exponential buckets are laid out), and the zero bucket the share on a linear scale. When anything
    /// was cut, count and sum are estimated again from the kept buckets (each bucket's observations placed
    /// at the geometric middle of its kept part); when nothing was, the histogram is returned unchanged.
    /// </summary>
    public FloatHistogram Trim(double value, bool keepBelow)
    {
        if (UsesCustomBuckets)
        {
            return TrimCustom(value, keepBelow);
        }
        var totals = new TrimTotals();
        var positive = TrimRun(Positive, isPositive: true, value, keepBelow, totals);
        var negative = TrimRun(Negative, isPositive: false, value, keepBelow, totals);
        var zeroCount = ZeroCount;
        if (ZeroCount > 0)
        {
            var (kept, middle) = TrimZeroBucket(value, keepBelow, hasNegative: totals.SawNegative, hasPositive: totals.SawPositive);
            totals.Changed |= kept != ZeroCount;
            totals.Count += kept;
            totals.Sum += middle * kept;
            zeroCount = kept;
        }
        return totals.Changed
            ? new FloatHistogram(Schema, ZeroThreshold, zeroCount, totals.Count, totals.Sum, positive, negative, Hint, CustomValues)
            : this;
    }

    private sealed class TrimTotals
    {
        public double Count;
        public double Sum;
        public bool Changed;
        public bool SawPositive;
        public bool SawNegative;
    }

    private BucketRun TrimRun(BucketRun run, bool isPositive, double value, bool keepBelow, TrimTotals totals)
    {
        var counts = run.Counts.ToArray();
        for (var k = 0; k < counts.Length; k++)
        {
            var count = counts[k];
            if (count == 0)
            {
                continue;
            }
            if (isPositive)
            {
                totals.SawPositive = true;
            }
            else
            {
                totals.SawNegative = true;
            }
            var index = run.Offset + k;
            var (lower, upper) = isPositive
                ? (UpperBound(index - 1, Schema), UpperBound(index, Schema))
                : (-UpperBound(index, Schema), -UpperBound(index - 1, Schema));
            var (kept, middle) = TrimBucket(lower, upper, count, value, keepBelow, isPositive);
            totals.Count += kept;
            totals.Sum += middle * kept;
            if (kept != count)
            {
                counts[k] = kept;
                totals.Changed = true;
            }
        }
        return totals.Changed ? new BucketRun(run.Offset, counts) : run;
    }

    // The count kept of one bucket and where its kept observations sit on average.
    private static (double Kept, double Middle) TrimBucket(double lower, double upper, double count, double value, bool keepBelow, bool isPositive)
    {
        var wholeKept = keepBelow ? upper <= value : lower >= value;
        if (wholeKept)
        {
            return (count, GeometricMiddle(lower, upper, isPositive));
        }
        var split = keepBelow ? lower < value : upper > value;
        if (!split)
        {
            return (0, 0);
        }
        var below = count * LogFractionBelow(lower, upper, value);
        return keepBelow
            ? (below, GeometricMiddle(lower, value, isPositive))
            : (count - below, GeometricMiddle(value, upper, isPositive));
    }

    // On a log scale exponential bucket bounds are evenly spaced; negative buckets mirror the positive ones.
    private static double LogFractionBelow(double lower, double upper, double value)
    {
        var (logLower, logUpper, logValue) = (Math.Log2(Math.Abs(lower)), Math.Log2(Math.Abs(upper)), Math.Log2(Math.Abs(value)));
        return value > 0
            ? (logValue - logLower) / (logUpper - logLower)
            : 1 - ((logValue - logUpper) / (logLower - logUpper));
    }

    private static double GeometricMiddle(double lower, double upper, bool isPositive)
    {
        var middle = Math.Sqrt(Math.Abs(lower * upper));
        return isPositive ? middle : -middle;
    }

    // The zero bucket spans [-threshold, threshold], or only its half on the side that has buckets.
    private (double Kept, double Middle) TrimZeroBucket(double value, bool keepBelow, bool hasNegative, bool hasPositive)
    {
        var lower = hasPositive && !hasNegative ? 0 : -ZeroThreshold;
        var upper = hasNegative && !hasPositive ? 0 : ZeroThreshold;
        if (keepBelow)
        {
            return value <= lower ? (0, 0)
                : value >= upper ? (ZeroCount, (lower + upper) / 2)
                : (ZeroCount * (value - lower) / (upper - lower), (lower + value) / 2);
        }
        return value <= lower ? (ZeroCount, (lower + upper) / 2)
            : value >= upper ? (0, 0)
            : (ZeroCount * (upper - value) / (upper - lower), (value + upper) / 2);
    }
}
