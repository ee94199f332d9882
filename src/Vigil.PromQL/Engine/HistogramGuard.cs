using Vigil.Model.Labels;
using Vigil.PromQL.Parser;
using Vigil.Storage;

namespace Vigil.PromQL.Engine;

/// <summary>
/// Native histogram support in the engine is partial: selectors return histogram samples to the query result,
/// binary and unary operators, aggregations (but count_values) and the functions in
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
                    $"native histogram samples of {series.Labels} are not supported in this expression yet (only the query result, operators, aggregations and the histogram_* functions read them)");
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

    /// <summary>The functions that read native histogram samples, and in which argument.</summary>
    public static readonly IReadOnlyDictionary<string, HistogramArgument> HistogramArguments = new Dictionary<string, HistogramArgument>(StringComparer.Ordinal)
    {
        ["histogram_count"] = new(0, false),
        ["histogram_sum"] = new(0, false),
        ["histogram_avg"] = new(0, false),
        ["histogram_stdvar"] = new(0, false),
        ["histogram_stddev"] = new(0, false),
        ["histogram_quantile"] = new(1, false),
        ["histogram_quantiles"] = new(0, false),
        ["histogram_fraction"] = new(2, false),
    };

    /// <summary>
    /// The selectors upstream reads through its statistics iterator: under histogram_count, histogram_sum or
    /// histogram_avg, and under no subquery, trim operator or function that needs the buckets. Only that
    /// iterator reports "counter reset" hints; a plain read of stored histograms never does (upstream's
    /// chunks lose the hint, prometheus/prometheus#15346), so other selectors report such samples as unknown.
    /// </summary>
    public static HashSet<VectorSelector> StatsSelectors(Expr root)
    {
        var result = new HashSet<VectorSelector>(ReferenceEqualityComparer.Instance);
        CollectStats(root, underStats: false, result);
        return result;
    }

    private static void CollectStats(Expr e, bool underStats, HashSet<VectorSelector> into)
    {
        switch (e)
        {
            case VectorSelector v when underStats:
                into.Add(v);
                return;
            case SubqueryExpr:
            case BinaryExpr b when PromQLParser.IsTrim(b.Op):
            case Call { Function.Name: "histogram_quantile" or "histogram_quantiles" or "histogram_fraction" }:
                return;
            case Call { Function.Name: "histogram_count" or "histogram_sum" or "histogram_avg" }:
                underStats = true;
                break;
        }
        foreach (var child in AstWalker.Children(e))
        {
            CollectStats(child, underStats, into);
        }
    }

    // handled: whether histogram samples coming out of e would be handled by whatever reads e.
    private static void Walk(Expr e, bool handled, HashSet<VectorSelector> into)
    {
        switch (e)
        {
            case VectorSelector v:
                if (handled && !v.Smoothed)
                {
                    into.Add(v);
                }
                return;
            case ParenExpr p:
                Walk(p.Inner, handled, into);
                return;
            case BinaryExpr b:
                Walk(b.Lhs, handled, into);
                Walk(b.Rhs, handled, into);
                return;
            case UnaryExpr u:
                Walk(u.Operand, handled, into);
                return;
            case AggregateExpr a when a.Op != "count_values":
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
