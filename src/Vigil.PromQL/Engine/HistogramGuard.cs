using Vigil.Model.Labels;
using Vigil.PromQL.Parser;
using Vigil.Storage;

namespace Vigil.PromQL.Engine;

/// <summary>
/// Native histogram support in the engine is partial: an instant query that is a plain selector returns
/// histogram samples, and nothing else reads them yet. Every other read goes through this querier, which
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
                    $"native histogram samples of {series.Labels} are not supported in this expression yet (only a query that is a plain series selector returns them)");
            }
            yield return series;
        }
    }

    /// <summary>The selectors of <paramref name="root"/> allowed to return histogram samples in an instant query.</summary>
    public static HashSet<VectorSelector> HistogramSelectors(Expr root)
    {
        var result = new HashSet<VectorSelector>(ReferenceEqualityComparer.Instance);
        while (root is ParenExpr p)
        {
            root = p.Inner;
        }
        if (root is VectorSelector { Smoothed: false } v)
        {
            result.Add(v);
        }
        return result;
    }
}
