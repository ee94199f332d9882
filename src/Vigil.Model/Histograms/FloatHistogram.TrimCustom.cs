namespace Vigil.Model.Histograms;

/// <summary>The trim operators on histograms with custom bucket bounds.</summary>
public sealed partial class FloatHistogram
{
    // Custom buckets are arbitrary intervals, so a cut bucket keeps a linear share, and observations sit at
    // the linear middle. The first bucket reaches down to -Inf and the last up to +Inf: there the share is
    // unknown, and upstream keeps or drops such a bucket whole, except that a first bucket with a positive
    // upper bound is taken to start at 0.
    private FloatHistogram TrimCustom(double value, bool keepBelow)
    {
        var bounds = CustomValues!;
        var counts = Positive.Counts.ToArray();
        double count = 0, sum = 0;
        var changed = false;
        for (var k = 0; k < counts.Length; k++)
        {
            if (counts[k] == 0)
            {
                continue;
            }
            var index = Positive.Offset + k;
            var lower = index == 0 ? double.NegativeInfinity : bounds[index - 1];
            var upper = index < bounds.Count ? bounds[index] : double.PositiveInfinity;
            var (kept, middle) = TrimCustomBucket(lower, upper, counts[k], value, keepBelow);
            count += kept;
            sum += middle * kept;
            if (kept != counts[k])
            {
                counts[k] = kept;
                changed = true;
            }
        }
        return changed
            ? new FloatHistogram(Schema, 0, 0, count, sum, new BucketRun(Positive.Offset, counts), BucketRun.Empty, Hint, CustomValues)
            : this;
    }

    private static (double Kept, double Middle) TrimCustomBucket(double lower, double upper, double count, double value, bool keepBelow)
    {
        if (keepBelow ? upper <= value : lower >= value)
        {
            return (count, LinearMiddle(lower, upper));
        }
        if (keepBelow ? lower >= value : upper <= value)
        {
            return (0, 0);
        }
        if (double.IsInfinity(lower) || double.IsInfinity(upper))
        {
            return TrimOpenBucket(lower, upper, count, value, keepBelow);
        }
        var below = count * (value - lower) / (upper - lower);
        return keepBelow ? (below, (lower + value) / 2) : (count - below, (value + upper) / 2);
    }

    // A bucket with an infinite bound that the value falls into.
    private static (double Kept, double Middle) TrimOpenBucket(double lower, double upper, double count, double value, bool keepBelow)
    {
        if (double.IsNegativeInfinity(lower))
        {
            var finiteUpper = !double.IsPositiveInfinity(upper);
            if (keepBelow)
            {
                return value > 0 && upper > 0 && finiteUpper ? (count * value / upper, value / 2)
                    : upper <= 0 ? (count, value)
                    : (0, FiniteOrZero(upper));
            }
            return value >= 0 && upper > value && finiteUpper
                ? (count * (1 - (value / upper)), (value + upper) / 2)
                : (0, FiniteOrZero(upper));
        }
        // The last bucket, up to +Inf: with the value above its lower bound everything in it may lie beyond.
        return keepBelow || value < lower ? (0, FiniteOrZero(lower)) : (count, value);
    }

    private static double FiniteOrZero(double x) => double.IsInfinity(x) ? 0 : x;

    private static double LinearMiddle(double lower, double upper)
    {
        if (double.IsInfinity(lower))
        {
            return double.IsInfinity(upper) ? 0 : upper > 0 ? upper / 2 : upper;
        }
        return double.IsInfinity(upper) ? lower : (lower + upper) / 2;
    }
}
