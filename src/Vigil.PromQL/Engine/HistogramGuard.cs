using Vigil.Model.Labels;
using Vigil.PromQL.Parser;
using Vigil.Storage;

namespace Vigil.PromQL.Engine;

/// <summary>
/// Native histogram support in the engine is partial: an instant query that is a plain selector returns
/// histogram samples, trim operators and the histogram_count/sum/avg functions read them, nothing else does yet
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
                    $"native histogram samples of {series.Labels} are not supported in this expression yet (only a query that is a series selector, a trim operator's operands and histogram_count/sum/avg read them)");
            }
            yield return series;
        }
    }

    /// <summary>
    /// The selectors of <paramref name="root"/> allowed to return histogram samples: those in a place whose
    /// reader handles histograms (through parentheses): the query result itself, the argument of one of
    /// <see cref="HistogramFunctions"/>, or an operand of a trim operator (<c>&lt;/</c>, <c>&gt;/</c>) that is
    /// itself in such a place, as a trim's result is a histogram again.
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
        new HashSet<string>(["histogram_count", "histogram_sum", "histogram_avg"], StringComparer.Ordinal);

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
            case BinaryExpr b when PromQLParser.IsTrim(b.Op):
                Allow(b.Lhs, into);
                Allow(b.Rhs, into);
                break;
        }
    }
}
