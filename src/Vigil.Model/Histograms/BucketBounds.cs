namespace Vigil.Model.Histograms;

/// <summary>
/// Bucket boundaries of exponential schemas as the query API writes them: like upstream, a fraction in [0.5, 1)
/// scaled by an exact power of two, so negative and zero schemas give exact powers of two and the last finite
/// bucket ends at <see cref="double.MaxValue"/>. The fraction is <c>2^(k/2^schema - 1)</c> rounded to the nearest
/// double, computed once with exact integer arithmetic (<see cref="BoundFractions"/>), so it is the same on every
/// platform. Upstream's table of fractions is not correctly rounded: most of its schema-8 entries are one to four
/// units in the last place below the true value, so a bound here may differ from Prometheus's in the last bits
/// (e.g. schema 2, fraction 3: 1.681792830507429 here, 1.6817928305074288 there).
/// </summary>
public static class BucketBounds
{
    /// <summary>The upper bound of the positive bucket at <paramref name="index"/> in exponential <paramref name="schema"/>.</summary>
    public static double Upper(int index, int schema)
    {
        if (schema < 0)
        {
            var exponent = (long)index << -schema;
            // The last finite bucket ends at the largest double instead of overflowing to +Inf (the +Inf bucket follows it).
            return exponent == 1024 ? double.MaxValue : Math.ScaleB(1.0, (int)Math.Clamp(exponent, -2000, 2000));
        }
        var fractionIndex = index & ((1 << schema) - 1);
        var fraction = BoundFractions.Get(fractionIndex, schema);
        var power = (index >> schema) + 1;
        return fraction == 0.5 && power == 1025 ? double.MaxValue : Math.ScaleB(fraction, power);
    }

    /// <summary>The lower bound of the positive bucket at <paramref name="index"/> (the upper bound of the one before).</summary>
    public static double Lower(int index, int schema) => Upper(index - 1, schema);
}
