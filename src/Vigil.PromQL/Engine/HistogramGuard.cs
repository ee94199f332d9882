using Vigil.Model.Labels;
using Vigil.PromQL.Parser;
using Vigil.Storage;

namespace Vigil.PromQL.Engine;

/// <summary>
/// Native histogram support in the engine is partial: an instant query that is a plain selector returns
/// histogram samples, trim operators at the top of an instant query read them, and nothing else does yet
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
                    $"native histogram samples of {series.Labels} are not supported in this expression yet (only a query that is a series selector, or the operands of a trim operator at its top, reads them)");
            }
            yield return series;
        }
    }

    /// <summary>
    /// The selectors of <paramref name="root"/> allowed to return histogram samples in an instant query: the
    /// query itself when it is a selector, and the operands of trim operators (<c>&lt;/</c>, <c>&gt;/</c>) at the
    /// top, which handle every pairing of floats and histograms.
    /// </summary>
    public static HashSet<VectorSelector> HistogramSelectors(Expr root)
    {
        var result = new HashSet<VectorSelector>(ReferenceEqualityComparer.Instance);
        Collect(root, result);
        return result;
    }

    private static void Collect(Expr e, HashSet<VectorSelector> into)
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
                Collect(b.Lhs, into);
                Collect(b.Rhs, into);
                break;
        }
    }
}
