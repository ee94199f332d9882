namespace Vigil.IntegrationTests.PromqlDifferential;

/// <summary>
/// Where Prometheus 2.42 and today's upstream (which Vigil follows) compute differently, by query. Each is
/// written out rather than hidden: such a query must still return the same series at the same timestamps, and
/// its values must agree within <see cref="Difference.RelativeTolerance"/> (null: values not compared); the
/// test prints every value it let through and why.
/// </summary>
public static class KnownDifferences
{
    /// <summary>
    /// One known difference: why, and how close the values must still be; with <paramref name="SeriesMayDiffer"/>
    /// not even the series set is compared (only printed).
    /// </summary>
    public sealed record Difference(string Reason, double? RelativeTolerance, bool SeriesMayDiffer = false);

    private static readonly Difference Kahan = new(
        "today's upstream sums with Kahan-Babuska-Neumaier compensation (sum, avg, stddev, *_over_time, regression); 2.42 summed naively: last-bit differences",
        1e-12);

    private static readonly Difference Regression = new(
        "deriv's least-squares slope cancels large sums: today's compensated sums and 2.42's naive ones can differ after the 12th digit",
        1e-9);

    private static readonly Difference RangeTopkTies = new(
        "topk/bottomk among equal values keep the series met first; in 2.42's range evaluation the inner vector arrives in Go map order (unspecified), today's upstream and Vigil keep series order",
        null,
        SeriesMayDiffer: true);

    private static readonly Difference Libm = new(
        "Go's math.Log/math.Exp and .NET's Math.Log/Math.Exp (the C runtime) may round the last bit differently",
        1e-14);

    private static readonly Difference ZeroClamp = new(
        "rate extrapolation at a counter's first sample: today's upstream caps the extension towards the window start at the point the counter would be zero after choosing between the gap and half an interval; 2.42 capped before choosing, so buckets that start inside the window extrapolate differently",
        null);

    private static readonly (string Fragment, Difference Difference)[] Table =
    [
        ("histogram_quantile", ZeroClamp),
        ("deriv(sum", Regression),
        ("ln(", Libm),
        ("exp(", Libm),
        ("sum", Kahan),
        ("avg", Kahan),
        ("stddev", Kahan),
        ("scalar(sum", Kahan),
    ];

    /// <summary>The known difference that applies to <paramref name="query"/>, or null when results must be bit-equal.</summary>
    public static Difference? For(string query, bool range)
    {
        if (range && (query.Contains("topk(", StringComparison.Ordinal) || query.Contains("bottomk(", StringComparison.Ordinal)))
        {
            return RangeTopkTies;
        }
        return Table.Where(e => query.Contains(e.Fragment, StringComparison.Ordinal)).Select(e => e.Difference).FirstOrDefault();
    }
}
