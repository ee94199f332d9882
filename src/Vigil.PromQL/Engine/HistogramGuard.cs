using Vigil.Model.Labels;
using Vigil.PromQL.Parser;
using Vigil.Storage;

namespace Vigil.PromQL.Engine;

/// <summary>
/// Native histogram support in the engine is partial: selectors return histogram samples to the query result,
/// binary and unary operators, aggregations (but count_values) and the histogram_count/sum/avg/stdvar/stddev
/// functions, and to nothing else yet
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
    /// The selectors of <paramref name="root"/> allowed to return histogram samples: those in a place whose
    /// reader handles histograms (through parentheses): the query result itself, the argument of one of
    /// <see cref="HistogramFunctions"/>, or an operand of a binary or unary operator or aggregation that is
    /// itself in such a place, as their results may be histograms again.
    /// </summary>
    public static HashSet<VectorSelector> HistogramSelectors(Expr root)
    {
        var result = new HashSet<VectorSelector>(ReferenceEqualityComparer.Instance);
        Allow(root, result);
        foreach (var call in AstWalker.DescendantsAndSelf(root).OfType<Call>().Where(c => HistogramFunctions.Contains(c.Function.Name)))
        {
            Allow(call.Args[0], result);
        }
        return result;
    }

    /// <summary>The functions that read native histogram samples.</summary>
    public static readonly IReadOnlySet<string> HistogramFunctions =
        new HashSet<string>(["histogram_count", "histogram_sum", "histogram_avg", "histogram_stdvar", "histogram_stddev"], StringComparer.Ordinal);

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

    private static void Allow(Expr e, HashSet<VectorSelector> into)
    {
        while (e is ParenExpr p)
        {
            e = p.Inner;
        }
        switch (e)
        {
            case VectorSelector { Smoothed: false } v:
                into.Add(v);
                break;
            case BinaryExpr b:
                Allow(b.Lhs, into);
                Allow(b.Rhs, into);
                break;
            case UnaryExpr u:
                Allow(u.Operand, into);
                break;
            case AggregateExpr a when a.Op != "count_values":
                Allow(a.Inner, into);
                break;
        }
    }
}
