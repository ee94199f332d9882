namespace Vigil.PromQL.Parser;

/// <summary>
/// Which experimental parts of the language the parser accepts, one switch per upstream feature flag.
/// A query using a part that is off fails to parse with upstream's message and a hint naming the flag.
/// </summary>
public sealed record ParserOptions
{
    /// <summary>What <c>vigil prometheus</c> and promtool accept without flags: duration expressions only.</summary>
    public static ParserOptions Default { get; } = new();

    /// <summary>Everything on, as upstream's PromQL test scripts parse.</summary>
    public static ParserOptions AllEnabled { get; } = new()
    {
        ExperimentalFunctions = true,
        DurationExpressions = true,
        ExtendedRangeSelectors = true,
        BinopFillModifiers = true,
    };

    /// <summary>
    /// <c>promql-experimental-functions</c>: the functions upstream marks experimental (<c>info</c>,
    /// <c>sort_by_label</c>, <c>mad_over_time</c>, ...) and the aggregations <c>limitk</c> and <c>limit_ratio</c>.
    /// </summary>
    public bool ExperimentalFunctions { get; init; }

    /// <summary>
    /// <c>promql-duration-expr</c>: arithmetic in ranges, steps and offsets (<c>[5m+1m]</c>, <c>offset step()</c>).
    /// On by default: upstream made the flag a no-op and turns the option on in both of its binaries.
    /// </summary>
    public bool DurationExpressions { get; init; } = true;

    /// <summary><c>promql-extended-range-selectors</c>: the <c>anchored</c> and <c>smoothed</c> selector modifiers.</summary>
    public bool ExtendedRangeSelectors { get; init; }

    /// <summary><c>promql-binop-fill-modifiers</c>: <c>fill()</c>, <c>fill_left()</c> and <c>fill_right()</c> on binary operators.</summary>
    public bool BinopFillModifiers { get; init; }
}
