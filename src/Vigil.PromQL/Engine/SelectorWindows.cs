using Vigil.PromQL.Parser;

namespace Vigil.PromQL.Engine;

/// <summary>
/// Works out, before evaluation, which stretch of time each selector of a query will read over all its
/// evaluation steps (upstream's FindMinMaxTime, per selector). The engine fetches each selector's series once
/// for that stretch instead of asking the storage again at every step.
/// </summary>
internal static class SelectorWindows
{
    /// <summary>For each selector node: the inclusive [mint, maxt] its evaluations can read.</summary>
    public static Dictionary<VectorSelector, (long Mint, long Maxt)> Compute(Expr root, long start, long end, long lookback)
    {
        var result = new Dictionary<VectorSelector, (long, long)>(ReferenceEqualityComparer.Instance);
        Walk(root, start, end, new Context(start, end, lookback, result));
        return result;
    }

    private sealed record Context(long QueryStart, long QueryEnd, long Lookback, Dictionary<VectorSelector, (long Mint, long Maxt)> Windows);

    // [from, to] is the range of times the node is evaluated at.
    private static void Walk(Expr e, long from, long to, Context ctx)
    {
        switch (e)
        {
            case VectorSelector v:
                {
                    var (a, b) = Resolve(v, from, to, ctx);
                    Add(ctx, v, a - ctx.Lookback + 1, b + (v.Smoothed ? ctx.Lookback : 0));
                    break;
                }
            case MatrixSelector m:
                {
                    var v = m.Selector;
                    var (a, b) = Resolve(v, from, to, ctx);
                    var extended = v.Anchored || v.Smoothed;
                    Add(ctx, v, a - m.Range + 1 - (extended ? ctx.Lookback : 0), b + (v.Smoothed ? ctx.Lookback : 0));
                    break;
                }
            case SubqueryExpr s:
                {
                    var (a, b) = Resolve(s, from, to, ctx);
                    Walk(s.Inner, a - s.Range, b, ctx);
                    break;
                }
            default:
                foreach (var child in AstWalker.Children(e))
                {
                    Walk(child, from, to, ctx);
                }
                break;
        }
    }

    private static (long From, long To) Resolve(ITimeModified m, long from, long to, Context ctx)
    {
        var (a, b) = m.AtKind switch
        {
            AtKind.Start => (ctx.QueryStart, ctx.QueryStart),
            AtKind.End => (ctx.QueryEnd, ctx.QueryEnd),
            _ => m.At is { } at ? (at, at) : (from, to),
        };
        return (a - m.Offset, b - m.Offset);
    }

    private static void Add(Context ctx, VectorSelector v, long mint, long maxt)
    {
        if (ctx.Windows.TryGetValue(v, out var w))
        {
            (mint, maxt) = (Math.Min(mint, w.Mint), Math.Max(maxt, w.Maxt));
        }
        ctx.Windows[v] = (mint, maxt);
    }
}
