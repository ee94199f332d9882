using Vigil.Model.Labels;
using Vigil.PromQL.Parser;
using Vigil.Storage;

namespace Vigil.PromQL.Engine;

/// <summary>
/// Native histogram support in the engine is partial: selectors return histogram samples to the query result,
/// binary and unary operators, aggregations and the functions in
/// <see cref="HistogramArguments"/>, and to nothing else yet
/// (see <see cref="HistogramSelectors"/>). Every other read goes through this querier, which
/// refuses a series holding histogram samples in the window with an error naming it, rather than letting
/// float-only code skip or misread them.
/// </summary>
internal sealed class HistogramGuard(ISeriesQuerier inner) : ISeriesQuerier
{
    public IEnumerable<IStoredSeries> Select(long mint, long maxt, IReadOnlyList<Matcher> matchers)
    {
        foreach (var series in inner.Select(mint, maxt, matchers))
        {
            if (series.HistogramSamples(mint, maxt).Any())
            {
                throw new QueryException(
                    $"native histogram samples of {series.Labels} are not supported in this expression yet (see docs/promql.md, 'Native histograms', for the expressions that read them)");
            }
            yield return series;
        }
    }

    /// <summary>
    /// The selectors of <paramref name="root"/> allowed to return histogram samples: those whose samples reach
    /// only readers that handle histograms. The query result handles them; a function in
    /// <see cref="HistogramArguments"/> handles them in its histogram argument. A reader that only passes
    /// histograms on (parentheses, operators, aggregations, pass-through functions) handles them when its own
    /// reader does.
    /// </summary>
    public static HashSet<VectorSelector> HistogramSelectors(Expr root)
    {
        var result = new HashSet<VectorSelector>(ReferenceEqualityComparer.Instance);
        Walk(root, handled: true, result);
        return result;
    }

    /// <summary>How a function treats histograms in one of its arguments.</summary>
    /// <param name="Index">The argument that may hold histograms.</param>
    /// <param name="PassesOn">Whether histograms in it can come out in the result (then the caller must handle them too).</param>
    public readonly record struct HistogramArgument(int Index, bool PassesOn);

    /// <summary>
    /// Functions of a vector that map float samples only and leave histogram samples out (sort and sort_desc
    /// too): histograms in their argument are handled, none come out. Declared before
    /// <see cref="HistogramArguments"/>, whose initializer reads it.
    /// </summary>
    private static readonly string[] FloatOnlyVectorFunctions =
    [
        "abs", "ceil", "floor", "exp", "sqrt", "ln", "log2", "log10", "sin", "cos", "tan", "asin", "acos", "atan",
        "sinh", "cosh", "tanh", "asinh", "acosh", "atanh", "rad", "deg", "sgn", "clamp", "clamp_min", "clamp_max", "round",
        "minute", "hour", "day_of_week", "day_of_month", "day_of_year", "days_in_month", "month", "year", "sort", "sort_desc",
    ];

    /// <summary>The functions that read native histogram samples, and in which argument.</summary>
    public static readonly IReadOnlyDictionary<string, HistogramArgument> HistogramArguments = WithFloatOnlyVectorFunctions(new Dictionary<string, HistogramArgument>(StringComparer.Ordinal)
    {
        ["histogram_count"] = new(0, false),
        ["histogram_sum"] = new(0, false),
        ["histogram_avg"] = new(0, false),
        ["histogram_stdvar"] = new(0, false),
        ["histogram_stddev"] = new(0, false),
        ["histogram_quantile"] = new(1, false),
        ["histogram_quantiles"] = new(0, false),
        ["histogram_fraction"] = new(2, false),
        ["start_timestamp"] = new(0, false),
        ["rate"] = new(0, true),
        ["increase"] = new(0, true),
        ["delta"] = new(0, true),
        ["irate"] = new(0, true),
        ["idelta"] = new(0, true),
        ["sum_over_time"] = new(0, true),
        ["avg_over_time"] = new(0, true),
        ["last_over_time"] = new(0, true),
        ["first_over_time"] = new(0, true),
        ["count_over_time"] = new(0, false),
        ["present_over_time"] = new(0, false),
        ["absent_over_time"] = new(0, false),
        ["changes"] = new(0, false),
        ["resets"] = new(0, false),
        ["ts_of_first_over_time"] = new(0, false),
        ["ts_of_last_over_time"] = new(0, false),
        // These read floats only: a window's histograms are ignored, with an info.
        ["min_over_time"] = new(0, false),
        ["max_over_time"] = new(0, false),
        ["stddev_over_time"] = new(0, false),
        ["stdvar_over_time"] = new(0, false),
        ["mad_over_time"] = new(0, false),
        ["ts_of_min_over_time"] = new(0, false),
        ["ts_of_max_over_time"] = new(0, false),
        ["quantile_over_time"] = new(1, false),
        ["deriv"] = new(0, false),
        ["predict_linear"] = new(0, false),
        ["double_exponential_smoothing"] = new(0, false),
        ["holt_winters"] = new(0, false),
        ["timestamp"] = new(0, false),
        ["absent"] = new(0, false),
        ["scalar"] = new(0, false),
        ["label_replace"] = new(0, true),
        ["label_join"] = new(0, true),
        ["sort_by_label"] = new(0, true),
        ["sort_by_label_desc"] = new(0, true),
    });

    private static Dictionary<string, HistogramArgument> WithFloatOnlyVectorFunctions(Dictionary<string, HistogramArgument> functions)
    {
        foreach (var name in FloatOnlyVectorFunctions)
        {
            functions.Add(name, new HistogramArgument(0, false));
        }
        return functions;
    }

    // handled: whether histogram samples coming out of e would be handled by whatever reads e.
    private static void Walk(Expr e, bool handled, HashSet<VectorSelector> into)
    {
        switch (e)
        {
            case VectorSelector v:
                if (handled)
                {
                    into.Add(v);
                }
                return;
            case ParenExpr p:
                Walk(p.Inner, handled, into);
                return;
            case MatrixSelector m:
                Walk(m.Selector, handled, into);
                return;
            case SubqueryExpr s:
                Walk(s.Inner, handled, into);
                return;
            case BinaryExpr b:
                Walk(b.Lhs, handled, into);
                Walk(b.Rhs, handled, into);
                return;
            case UnaryExpr u:
                Walk(u.Operand, handled, into);
                return;
            case AggregateExpr a:
                Walk(a.Inner, handled, into);
                if (a.Param is { } param)
                {
                    Walk(param, false, into);
                }
                return;
            case Call c:
                var reads = HistogramArguments.TryGetValue(c.Function.Name, out var arg);
                for (var i = 0; i < c.Args.Count; i++)
                {
                    Walk(c.Args[i], reads && i == arg.Index && (handled || !arg.PassesOn), into);
                }
                return;
        }
        foreach (var child in AstWalker.Children(e))
        {
            Walk(child, false, into);
        }
    }
}
