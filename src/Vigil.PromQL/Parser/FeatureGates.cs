namespace Vigil.PromQL.Parser;

/// <summary>Upstream's feature-flag names for the gated parts of the language, and the errors that name them.</summary>
public static class FeatureGates
{
    /// <summary>The flag for experimental functions and the <c>limitk</c>/<c>limit_ratio</c> aggregations.</summary>
    public const string ExperimentalFunctions = "promql-experimental-functions";

    /// <summary>The flag for arithmetic in ranges, steps and offsets.</summary>
    public const string DurationExpressions = "promql-duration-expr";

    /// <summary>The flag for the <c>anchored</c> and <c>smoothed</c> modifiers.</summary>
    public const string ExtendedRangeSelectors = "promql-extended-range-selectors";

    /// <summary>The flag for <c>fill()</c>, <c>fill_left()</c> and <c>fill_right()</c>.</summary>
    public const string BinopFillModifiers = "promql-binop-fill-modifiers";

    /// <summary>
    /// <paramref name="options"/> with the language feature <paramref name="flag"/> names turned on; false when
    /// the name is not one of the four PromQL language flags.
    /// </summary>
    public static bool TryEnable(ParserOptions options, string flag, out ParserOptions enabled)
    {
        ParserOptions? result = flag switch
        {
            ExperimentalFunctions => options with { ExperimentalFunctions = true },
            DurationExpressions => options with { DurationExpressions = true },
            ExtendedRangeSelectors => options with { ExtendedRangeSelectors = true },
            BinopFillModifiers => options with { BinopFillModifiers = true },
            _ => null,
        };
        enabled = result ?? options;
        return result is not null;
    }

    /// <summary>
    /// Upstream's message, then what to do: upstream's text stays a prefix, so anything matching it still
    /// does, and the user learns the flag without looking it up.
    /// </summary>
    public static ParseException NotEnabled(int position, string upstreamMessage, string flag) =>
        new(position, $"{upstreamMessage}; enable it with --enable-feature={flag}");
}
